/**
 * Starts and stops a real n8n process (main instance or queue-mode worker) on 127.0.0.1.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { n8nBin } = require('./runtime');

/** A TCP port nothing listens on right now, on the loopback interface. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settings every n8n this project starts shares: loopback only, nothing phoning home. */
function n8nEnv({ userFolder, port, brokerPort, extra = {} }) {
	// Jest sets NODE_ENV=test, with which n8n 2.41 exits at once with code 1 and no message.
	const { NODE_ENV, ...inherited } = process.env;
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...extra,
	};
}

async function waitForHealth(baseUrl, child, deadlineMs) {
	const started = Date.now();
	while (Date.now() - started < deadlineMs) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} before it was ready`);
		try {
			const response = await fetch(`${baseUrl}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(300);
	}
	throw new Error(`n8n did not answer on ${baseUrl} within ${deadlineMs / 1000} s`);
}

/**
 * Starts `n8n <command>` and resolves once /healthz answers.
 * command: 'start' (main instance) or 'worker' (queue mode; health on QUEUE_HEALTH_CHECK_PORT).
 * Output goes to <logFile> (or is inherited when logFile is 'inherit').
 */
async function startN8n({ userFolder, port, brokerPort, command = 'start', extraEnv = {}, logFile, healthPort, readyTimeoutMs = 180_000 }) {
	port ??= await freePort();
	brokerPort ??= await freePort();
	const env = n8nEnv({ userFolder, port, brokerPort, extra: extraEnv });
	let stdio = ['ignore', 'inherit', 'inherit'];
	let logStream;
	if (logFile && logFile !== 'inherit') {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		logStream = fs.openSync(logFile, 'a');
		stdio = ['ignore', logStream, logStream];
	}
	const child = spawn(n8nBin(), [command], { env, stdio, detached: false });
	const baseUrl = `http://127.0.0.1:${port}`;
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	const instance = {
		child,
		port,
		baseUrl,
		exited,
		/** Stops n8n the way Ctrl-C does and waits for it to exit (SIGKILL after the grace time). */
		async stop(graceMs = 30_000) {
			if (child.exitCode !== null || child.signalCode !== null) return exited;
			child.kill('SIGINT');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			const result = await exited;
			clearTimeout(timer);
			if (logStream !== undefined) fs.closeSync(logStream);
			return result;
		},
		/** Kills the process at once, as a crash or an out-of-memory kill would. */
		async kill() {
			child.kill('SIGKILL');
			return exited;
		},
	};
	try {
		await waitForHealth(healthPort ? `http://127.0.0.1:${healthPort}` : baseUrl, child, readyTimeoutMs);
	} catch (error) {
		await instance.stop(5_000);
		const tail = logFile && logFile !== 'inherit' ? `\n--- ${logFile} ---\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}` : '';
		throw new Error(`${error.message}${tail}`);
	}
	return instance;
}

module.exports = { freePort, sleep, n8nEnv, startN8n };
