/**
 * Redis and PostgreSQL for n8n's queue mode, as private instances on 127.0.0.1.
 *
 *   ensureServicesInstalled(log)  installs Debian's redis-server and postgresql when their programs
 *                                 are absent (apt-get, as root), and says where they are
 *   startRedis({ log })           redis-server on a free loopback port, nothing saved to disk
 *   startPostgres({ log })        a new cluster (trust authentication, 127.0.0.1 only) in a temporary
 *                                 folder with a database `n8n`
 * Each start answers { host, port, ..., stop() }; stop() ends the server and removes its folder.
 *
 * Both are plain child processes of the caller: nothing is installed as a service, nothing touches
 * the machine's own clusters, and nothing listens on another address than 127.0.0.1.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { freePort, sleep } = require('../n8n/server');

const APT_PACKAGES = ['redis-server', 'postgresql'];

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function findOnPath(program) {
	for (const folder of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/usr/bin', '/usr/local/bin'])) {
		const candidate = path.join(folder, program);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return undefined;
}

/** redis-server's path, or undefined. */
function findRedis() {
	return findOnPath('redis-server');
}

/** The folder with initdb, postgres, pg_isready, createdb and psql of the newest PostgreSQL, or undefined. */
function findPostgresBin() {
	const candidates = [];
	const debianRoot = '/usr/lib/postgresql';
	if (fs.existsSync(debianRoot)) {
		for (const version of fs.readdirSync(debianRoot)) candidates.push({ version: Number.parseFloat(version) || 0, bin: path.join(debianRoot, version, 'bin') });
		candidates.sort((a, b) => b.version - a.version);
	}
	const initdb = findOnPath('initdb');
	if (initdb) candidates.push({ version: 0, bin: path.dirname(fs.realpathSync(initdb)) });
	const complete = (bin) => ['initdb', 'postgres', 'pg_isready', 'createdb', 'psql'].every((program) => fs.existsSync(path.join(bin, program)));
	return candidates.find((candidate) => complete(candidate.bin))?.bin;
}

/**
 * Installs what is missing with apt-get (Debian's packages redis-server and postgresql).
 * Answers { redisServer, postgresBin, installed: [packages] }.
 */
function ensureServicesInstalled(log = () => {}) {
	let redisServer = findRedis();
	let postgresBin = findPostgresBin();
	const missing = [];
	if (!redisServer) missing.push('redis-server');
	if (!postgresBin) missing.push('postgresql');
	if (missing.length === 0) return { redisServer, postgresBin, installed: [] };

	const command = `apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`;
	if (!isRoot()) {
		throw new Error(`The queue-mode test needs ${missing.join(' and ')}, which are not installed, and only root can install them. Run as root: ${command}`);
	}
	if (!findOnPath('apt-get'))
		throw new Error(`${missing.join(' and ')} missing and there is no apt-get to install them: install Redis and PostgreSQL, then run again`);
	log(`installing ${missing.join(' and ')} with apt-get (Debian's packages)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
		const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
	}
	redisServer = findRedis();
	postgresBin = findPostgresBin();
	if (!redisServer || !postgresBin)
		throw new Error(`apt-get installed ${missing.join(' and ')}, yet ${!redisServer ? 'redis-server' : 'initdb/postgres'} is still not found`);
	return { redisServer, postgresBin, installed: missing };
}

function versionOf(program) {
	const result = spawnSync(program, ['--version'], { encoding: 'utf8' });
	return (result.stdout ?? '').trim().split('\n')[0];
}

/** A temporary folder that other users may enter (PostgreSQL runs as its own user). */
function temporaryFolder(prefix) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(folder, 0o755);
	return folder;
}

/** Child output goes to a log file (appended), so a failure can show its tail. */
function openLog(logFile) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	return fs.openSync(logFile, 'a');
}

function tail(file, chars = 3000) {
	try {
		return fs.readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '';
	}
}

function whenExited(child) {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
		else child.once('exit', (code, signal) => resolve({ code, signal }));
	});
}

async function stopChild(child, signal, graceMs = 20_000) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = whenExited(child);
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** Sends one Redis command over a fresh connection and answers the first reply line. */
function redisCommand(port, command, timeoutMs = 2000) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('timeout'));
		}, timeoutMs);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			data += chunk.toString('utf8');
			if (data.includes('\r\n')) {
				clearTimeout(timer);
				socket.end();
				resolve(data.split('\r\n')[0]);
			}
		});
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

async function startRedis({ log = () => {}, port, folder, readyTimeoutMs = 30_000 } = {}) {
	const { redisServer } = ensureServicesInstalled(log);
	port ??= await freePort();
	folder ??= temporaryFolder('realtime-batch-redis-');
	const logFile = path.join(folder, 'redis.log');
	const out = openLog(logFile);
	const child = spawn(
		redisServer,
		['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', folder, '--daemonize', 'no'],
		{ stdio: ['ignore', out, out] },
	);
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}\n${tail(logFile)}`);
		try {
			if ((await redisCommand(port, 'PING')) === '+PONG') break;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > readyTimeoutMs) {
			await stopChild(child, 'SIGKILL');
			throw new Error(`redis-server did not answer on 127.0.0.1:${port} within ${readyTimeoutMs / 1000} s\n${tail(logFile)}`);
		}
		await sleep(100);
	}
	log(`Redis on 127.0.0.1:${port} (${versionOf(redisServer)})`);
	return {
		host: '127.0.0.1',
		port,
		folder,
		logFile,
		child,
		async stop() {
			await stopChild(child, 'SIGTERM');
			fs.closeSync(out);
			fs.rmSync(folder, { recursive: true, force: true });
		},
	};
}

/** The user PostgreSQL runs as: the caller, or when that is root (which PostgreSQL refuses) `postgres`. */
function postgresUser() {
	if (!isRoot()) return undefined;
	const lookup = (name) => {
		const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		if (result.status !== 0) return undefined;
		const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		return { name, uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
	};
	let user = lookup('postgres');
	if (!user) {
		// Debian's postgresql package creates `postgres`; a PostgreSQL from elsewhere may not have.
		const created = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'inherit' });
		if (created.status !== 0) throw new Error('PostgreSQL refuses to run as root, and creating a `postgres` user failed');
		user = lookup('postgres');
	}
	return user;
}

async function startPostgres({ log = () => {}, port, folder, database = 'n8n', readyTimeoutMs = 60_000 } = {}) {
	const { postgresBin } = ensureServicesInstalled(log);
	port ??= await freePort();
	folder ??= temporaryFolder('realtime-batch-postgres-');
	const dataDir = path.join(folder, 'data');
	const logFile = path.join(folder, 'postgres.log');
	const user = postgresUser();
	const asUser = user ? { uid: user.uid, gid: user.gid } : {};
	fs.mkdirSync(dataDir, { mode: 0o700 });
	fs.writeFileSync(logFile, '');
	if (user) {
		fs.chownSync(dataDir, user.uid, user.gid);
		fs.chownSync(logFile, user.uid, user.gid);
	}
	const bin = (program) => path.join(postgresBin, program);
	// HOME and the locale: initdb and postgres read neither root's home nor a locale the machine lacks.
	const env = { ...process.env, HOME: folder, LC_ALL: 'C', LANG: 'C' };

	const init = spawnSync(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions'], {
		encoding: 'utf8',
		env,
		...asUser,
	});
	if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.stdout}`);

	const out = openLog(logFile);
	const child = spawn(
		bin('postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			// A throw-away test database: durability settings off, as in any test cluster.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ stdio: ['ignore', out, out], env, ...asUser },
	);
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}\n${tail(logFile)}`);
		const ready = spawnSync(bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q'], { env });
		if (ready.status === 0) break;
		if (Date.now() - started > readyTimeoutMs) {
			await stopChild(child, 'SIGKILL');
			throw new Error(`PostgreSQL did not answer on 127.0.0.1:${port} within ${readyTimeoutMs / 1000} s\n${tail(logFile)}`);
		}
		await sleep(200);
	}
	const create = spawnSync(bin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], { encoding: 'utf8', env });
	if (create.status !== 0) {
		await stopChild(child, 'SIGINT');
		throw new Error(`createdb ${database} failed: ${create.stderr}`);
	}
	log(`PostgreSQL on 127.0.0.1:${port}, database ${database} (${versionOf(bin('postgres'))})`);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		password: '',
		database,
		folder,
		logFile,
		child,
		/** Runs one SQL statement with psql; answers the rows as arrays of texts. */
		query(sql) {
			const result = spawnSync(
				bin('psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
				{
					encoding: 'utf8',
					env,
					maxBuffer: 64 * 1024 * 1024,
				},
			);
			if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
			return result.stdout
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => line.split('\t'));
		},
		/** SIGINT is PostgreSQL's fast shutdown: open sessions are ended, nothing waits for clients. */
		async stop() {
			await stopChild(child, 'SIGINT');
			fs.closeSync(out);
			fs.rmSync(folder, { recursive: true, force: true });
		},
	};
}

module.exports = { APT_PACKAGES, ensureServicesInstalled, findRedis, findPostgresBin, startRedis, startPostgres, redisCommand };
