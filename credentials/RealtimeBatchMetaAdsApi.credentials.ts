import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A Meta (Facebook) Marketing API access token, sent as a bearer header so it never sits in a URL. */
export class RealtimeBatchMetaAdsApi implements ICredentialType {
	name = 'realtimeBatchMetaAdsApi';

	displayName = 'Meta Ads API';

	icon = { light: 'file:icons/metaAds.svg', dark: 'file:icons/metaAds.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-realtime-batch#meta-ads-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A system user token (or a long-lived user token) with the ads_read permission',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v25.0',
			description: 'Marketing API version, as in graph.facebook.com/v25.0',
		},
		{
			// Used only by this package's tests, to point requests at a local stand-in.
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: 'https://graph.facebook.com',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}/{{$credentials.apiVersion}}',
			url: '/me',
			qs: { fields: 'id,name' },
		},
	};
}
