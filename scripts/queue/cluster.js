/**
 * n8n in queue mode on one machine: Redis, PostgreSQL, one main instance and N workers, each n8n
 * process with its own user folder holding this package (as separate machines would have).
 *
 *   const cluster = await startQueueCluster({ workers: 2, extraEnv, log });
 *   cluster.main.baseUrl              the main instance: editor, REST API, webhooks
 *   cluster.workers                   [{ name, instance, logFile, healthPort }]
 *   await cluster.startWorker()       one more worker (e.g. in place of a killed one)
 *   cluster.executionsByWorker()      Map executionId -> worker name, from the workers' logs
 *   await cluster.stop()              everything, in reverse order, and removes the temporary folder
 *
 * The main instance receives webhooks and schedule triggers and puts executions on the Redis queue;
 * the workers run them and save results, Data Table rows and workflow static data to PostgreSQL.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8nInstalled, installPackageInto } = require('../n8n/runtime');
const { freePort, startN8n } = require('../n8n/server');
const { startPostgres, startRedis } = require('./services');

/** The settings main and workers share (database, queue, encryption key). */
function queueEnv({ redis, postgres, encryptionKey }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		// Runs started from the editor go to the workers too, like production runs.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_RUNNERS_MODE: 'internal',
	};
}

/** Lines a worker logs when it takes a job: "Worker started execution 12 (job 7)". */
const STARTED = /Worker started execution (\d+) \(job (\d+)\)/g;

async function startQueueCluster({ workers = 2, extraEnv = {}, log = () => {}, folder, port } = {}) {
	ensureN8nInstalled(log);
	folder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-batch-queue-'));
	const logs = path.join(folder, 'logs');
	fs.mkdirSync(logs, { recursive: true });
	const stack = [];
	const cluster = {
		folder,
		workers: [],
		main: undefined,
		redis: undefined,
		postgres: undefined,
		env: undefined,
		async stop() {
			const errors = [];
			// Workers first, all at once, so no job is left to a worker whose database went away.
			const workerStops = cluster.workers.map((worker) => worker.instance.stop(15_000).catch((error) => errors.push(error)));
			await Promise.all(workerStops);
			while (stack.length > 0) {
				const step = stack.pop();
				try {
					await step();
				} catch (error) {
					errors.push(error);
				}
			}
			fs.rmSync(folder, { recursive: true, force: true });
			if (errors.length > 0) log(`stopping: ${errors.map((error) => error.message).join('; ')}`);
		},
	};
	let workerCount = 0;

	cluster.startWorker = async () => {
		workerCount += 1;
		const name = `worker-${workerCount}`;
		const userFolder = path.join(folder, name);
		installPackageInto(userFolder);
		const healthPort = await freePort();
		const logFile = path.join(logs, `${name}.log`);
		const instance = await startN8n({
			userFolder,
			command: 'worker',
			healthPort,
			logFile,
			extraEnv: {
				...cluster.env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		});
		const worker = { name, instance, logFile, healthPort, userFolder };
		cluster.workers.push(worker);
		log(`${name} ready (health on 127.0.0.1:${healthPort}, log ${logFile})`);
		return worker;
	};

	/** Which worker started which execution, read from the workers' own log lines. */
	cluster.executionsByWorker = () => {
		const byExecution = new Map();
		for (const worker of cluster.workers) {
			const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
			for (const match of text.matchAll(STARTED)) {
				const list = byExecution.get(match[1]) ?? [];
				list.push(worker.name);
				byExecution.set(match[1], list);
			}
		}
		return byExecution;
	};

	try {
		const [redis, postgres] = await Promise.all([startRedis({ log }), startPostgres({ log })]);
		cluster.redis = redis;
		cluster.postgres = postgres;
		stack.push(
			() => redis.stop(),
			() => postgres.stop(),
		);
		cluster.env = { ...queueEnv({ redis, postgres, encryptionKey: crypto.randomBytes(24).toString('hex') }), ...extraEnv };

		// The main instance first: it creates the database tables the workers need.
		const mainFolder = path.join(folder, 'main');
		installPackageInto(mainFolder);
		const mainLog = path.join(logs, 'main.log');
		const main = await startN8n({ userFolder: mainFolder, port, command: 'start', logFile: mainLog, extraEnv: cluster.env });
		cluster.main = main;
		cluster.mainLog = mainLog;
		stack.push(() => main.stop(15_000));
		log(`main instance ready on ${main.baseUrl} (log ${mainLog})`);
		await Promise.all(Array.from({ length: workers }, () => cluster.startWorker()));
	} catch (error) {
		await cluster.stop();
		throw error;
	}
	return cluster;
}

module.exports = { startQueueCluster, queueEnv };
