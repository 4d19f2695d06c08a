/**
 * What n8n's server gives the engine for credentials, for tests: credential types loaded from this
 * package's dist and from n8n-nodes-base (for parents such as oAuth2Api), credential data handed in
 * by the test, and the `authenticate` of a credential type (generic or a function) applied as n8n applies it.
 */
'use strict';

const path = require('node:path');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const types = new Map();

function loadCredentialTypes() {
	if (types.size > 0) return;
	const packageJson = require(path.join(PACKAGE_ROOT, 'package.json'));
	for (const file of packageJson.n8n.credentials ?? []) {
		for (const CredentialClass of Object.values(require(path.join(PACKAGE_ROOT, file)))) {
			const instance = new CredentialClass();
			types.set(instance.name, instance);
		}
	}
	for (const name of ['OAuth2Api', 'N8nApi']) {
		for (const CredentialClass of Object.values(require(`n8n-nodes-base/dist/credentials/${name}.credentials.js`))) {
			const instance = new CredentialClass();
			types.set(instance.name, instance);
		}
	}
}

/** `=Bearer {{$credentials.accessToken}}` -> "Bearer <token>". */
function resolve(value, credentials) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_match, key) => String(credentials[key] ?? ''));
}

function withDefaults(typeName, data) {
	const type = types.get(typeName);
	const defaults = {};
	for (const parent of type?.extends ?? []) Object.assign(defaults, withDefaults(parent, {}));
	for (const property of type?.properties ?? []) defaults[property.name] = property.default;
	return { ...defaults, ...data };
}

class TestCredentialsHelper {
	/** @param {Record<string, object>} data credential data by credential type name */
	constructor(data) {
		loadCredentialTypes();
		this.data = data;
		this.updates = [];
	}

	getParentTypes(name) {
		const parents = types.get(name)?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async getDecrypted(_additionalData, _nodeCredentials, type) {
		if (!this.data[type]) throw new Error(`The test gave no credential data for "${type}"`);
		return JSON.parse(JSON.stringify(withDefaults(type, this.data[type])));
	}

	async getCredentials(nodeCredentials, type) {
		return { getData: () => this.data[type] };
	}

	async authenticate(credentials, typeName, requestOptions) {
		const type = types.get(typeName);
		const authenticate = type?.authenticate;
		// As n8n's CredentialsHelper does: a function is called with the data and the request.
		if (typeof authenticate === 'function') return await type.authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const options = { ...requestOptions };
		for (const part of ['headers', 'qs', 'body']) {
			const extra = authenticate.properties[part];
			if (!extra) continue;
			options[part] = { ...(options[part] ?? {}) };
			for (const [key, value] of Object.entries(extra)) options[part][key] = resolve(value, credentials);
		}
		return options;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async updateCredentials(...args) {
		this.updates.push(args);
	}

	async updateCredentialsOauthTokenData(_nodeCredentials, type, credentials) {
		this.data[type] = { ...this.data[type], oauthTokenData: credentials.oauthTokenData };
		this.updates.push([type, credentials.oauthTokenData]);
	}
}

module.exports = { TestCredentialsHelper };
