/**
 * `node scripts/queue/ensureServices.js`: installs Redis and PostgreSQL (Debian's redis-server and
 * postgresql, with apt-get, as root) when their programs are absent, so the queue-mode test can
 * start private instances of both. Installs only: it starts nothing. Part of `npm test`.
 */
'use strict';

const { ensureServicesInstalled } = require('./services');

const log = (message) => process.stdout.write(`[queue services] ${message}\n`);

try {
	const { redisServer, postgresBin, installed } = ensureServicesInstalled(log);
	log(`${installed.length > 0 ? `installed ${installed.join(' and ')}; ` : ''}redis-server: ${redisServer}, PostgreSQL: ${postgresBin}`);
} catch (error) {
	process.stderr.write(`[queue services] ${error.message}\n`);
	process.exit(1);
}
