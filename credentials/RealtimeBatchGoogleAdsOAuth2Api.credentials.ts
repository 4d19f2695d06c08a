import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Google Ads API: Google's OAuth2 (n8n's own OAuth2 flow), and the manager account id when the ad
 * account is reached through a manager (MCC). The developer token is optional since its sunset.
 */
export class RealtimeBatchGoogleAdsOAuth2Api implements ICredentialType {
	name = 'realtimeBatchGoogleAdsOAuth2Api';

	extends = ['oAuth2Api'];

	// Not n8n's own "Google Ads OAuth2 API" (its Google Ads node's): both show in the credential list.
	displayName = 'Google Ads (Ad Metrics) OAuth2 API';

	icon = { light: 'file:icons/googleAds.svg', dark: 'file:icons/googleAds.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-realtime-batch#google-ads-ad-metrics-oauth2-api-credential';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: 'https://accounts.google.com/o/oauth2/v2/auth' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: 'https://oauth2.googleapis.com/token' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'https://www.googleapis.com/auth/adwords' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: 'access_type=offline&prompt=consent' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'Developer Token',
			name: 'developerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Not needed any more: Google sunset developer tokens on 9 September 2026 and API access now belongs to the Google Cloud project of your OAuth client. A token entered here is still sent.',
		},
		{
			displayName: 'Login Customer ID',
			name: 'loginCustomerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 123-456-7890',
			description: "Only when you reach the ad accounts through a manager account: that manager account's ID",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v26',
			description: 'Google Ads API version, as in googleads.googleapis.com/v26',
		},
		{
			// Used only by this package's tests, to point requests at a local stand-in.
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: 'https://googleads.googleapis.com',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}/{{$credentials.apiVersion}}',
			url: '/customers:listAccessibleCustomers',
		},
	};
}
