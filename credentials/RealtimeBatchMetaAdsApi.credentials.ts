import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { META_API_VERSION } from '../nodes/shared/adPlatforms/meta';
import { signMetaRequest } from '../nodes/shared/adPlatforms/metaSignIn';

/**
 * A Meta (Facebook) Marketing API access token, sent as a bearer header so it never sits in a URL,
 * and the app's secret for apps that require appsecret_proof.
 */
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
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only when the Meta app has "Require App Secret" turned on (App settings > Advanced): the App Secret from App settings > Basic. Every request then carries appsecret_proof, signed with it; the secret itself is never sent.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: META_API_VERSION,
			description: 'Marketing API version, as in graph.facebook.com/v26.0',
			hint: "Meta ends each Marketing API version about a year after the next: v25.0 stops on 23 February 2027; v26.0 and v27.0 have no end date yet (Meta's version history).",
		},
		{
			// Used only by this package's tests, to point requests at a local stand-in.
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: 'https://graph.facebook.com',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return signMetaRequest(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}/{{$credentials.apiVersion}}',
			url: '/me',
			qs: { fields: 'id,name' },
		},
	};
}
