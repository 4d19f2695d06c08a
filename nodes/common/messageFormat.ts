import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { escapeFor, MESSAGE_FORMATS, type Escape, type MessageFormat } from '../shared/values/escape';

/** The Format For parameter every node that writes messages has, in one place. */
export const messageFormatProperty: INodeProperties = {
	displayName: 'Format For',
	name: 'messageFormat',
	type: 'options',
	options: [
		{
			name: 'Slack',
			value: 'slack',
			description: 'Values from the data have &amp;, &lt; and &gt; escaped, so a name like &lt;!channel&gt; cannot ping a channel or disguise a link',
		},
		{ name: 'HTML (E-Mail)', value: 'html', description: 'Values from the data are HTML-escaped' },
		{ name: 'Plain Text', value: 'plain', description: 'Values are written as they are (SMS, logs, a sheet)' },
	],
	default: 'slack',
	description: 'Where the messages go: values from the data are escaped for it; the message text you write is left as it is',
};

export function readMessageEscape(context: IExecuteFunctions): Escape {
	const format = context.getNodeParameter('messageFormat', 0, 'slack') as MessageFormat;
	return escapeFor[MESSAGE_FORMATS.includes(format) ? format : 'slack'];
}
