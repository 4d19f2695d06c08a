/**
 * The outside world, on 127.0.0.1: n8n runs with HTTPS_PROXY pointing here, so every call a
 * template makes to an outside service (Slack, a payments API, a shop's health endpoint) lands in
 * this process instead of the internet. The proxy answers CONNECT by handing the tunnel to a local
 * TLS server with a throw-away self-signed certificate (n8n runs with NODE_TLS_REJECT_UNAUTHORIZED=0),
 * which records each request and answers it with the handler registered for its host.
 */
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

function selfSignedCertificate() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-world-'));
	const key = path.join(folder, 'key.pem');
	const cert = path.join(folder, 'cert.pem');
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=outside-world'], {
		stdio: 'ignore',
	});
	const pair = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
	fs.rmSync(folder, { recursive: true, force: true });
	return pair;
}

function readBody(request) {
	return new Promise((resolve) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

const slackOk = (body) => ({ status: 200, json: { ok: true, channel: 'C0ALERTS', ts: `${Date.now() / 1000}`, message: { text: body.text } } });

/**
 * start() → { proxyUrl, requests, on(host, handler), slackMessages(), close() }
 * handler(request) → { status, json } | { status, text }; unknown hosts get 404.
 */
async function startOutsideWorld() {
	const handlers = new Map([['slack.com', (request) => slackOk(request.body)]]);
	const requests = [];

	const answer = async (request, response, host) => {
		const raw = await readBody(request);
		let body = raw;
		try {
			body = raw && /json/.test(request.headers['content-type'] ?? '') ? JSON.parse(raw) : raw;
		} catch {
			// keep the text
		}
		if (typeof body === 'string' && /x-www-form-urlencoded/.test(request.headers['content-type'] ?? '')) {
			body = Object.fromEntries(new URLSearchParams(body));
		}
		const record = { host, method: request.method, path: request.url, headers: request.headers, body, at: Date.now() };
		requests.push(record);
		const handler = handlers.get(host);
		const reply = handler ? await handler(record) : { status: 404, json: { error: `no stand-in for ${host}` } };
		if (reply.json !== undefined) {
			response.writeHead(reply.status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(reply.json));
		} else {
			response.writeHead(reply.status, { 'content-type': 'text/plain' });
			response.end(reply.text ?? '');
		}
	};

	const tls = https.createServer(selfSignedCertificate(), (request, response) => {
		answer(request, response, (request.headers.host ?? '').split(':')[0]);
	});
	const proxy = http.createServer((request, response) => {
		// Plain-http requests through a proxy carry the absolute URL.
		const url = new URL(request.url);
		answer(request, response, url.hostname);
	});
	proxy.on('connect', (request, socket) => {
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		tls.emit('connection', socket);
	});
	await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;

	return {
		proxyUrl,
		requests,
		/** Environment for the n8n process: outside calls through here, loopback calls direct. */
		env: {
			HTTP_PROXY: proxyUrl,
			HTTPS_PROXY: proxyUrl,
			NO_PROXY: '127.0.0.1,localhost',
			NODE_TLS_REJECT_UNAUTHORIZED: '0',
		},
		on(host, handler) {
			handlers.set(host, handler);
		},
		slackMessages() {
			return requests.filter((request) => request.host === 'slack.com' && request.path.includes('chat.postMessage')).map((request) => request.body);
		},
		async close() {
			proxy.closeAllConnections?.();
			tls.closeAllConnections?.();
			await Promise.all([new Promise((resolve) => proxy.close(resolve)), new Promise((resolve) => tls.close(resolve))]);
		},
	};
}

module.exports = { startOutsideWorld };
