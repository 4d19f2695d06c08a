/**
 * Values from outside (a campaign's name, a series, a lead's e-mail) put into a message, escaped
 * for where the message goes, so that nobody who can name a campaign or fill a form can write in
 * the channel: in Slack's mrkdwn `<!channel>` pings everyone and `<https://site|text>` disguises a
 * link, so Slack asks for &, < and > as HTML entities; HTML also needs quotes. The operator's own
 * template text is left as written (it may use the destination's formatting on purpose).
 */
export type MessageFormat = 'slack' | 'html' | 'plain';

export type Escape = (text: string) => string;

const SLACK: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const HTML: Record<string, string> = { ...SLACK, '"': '&quot;', "'": '&#39;' };

export const escapeFor: Record<MessageFormat, Escape> = {
	slack: (text) => text.replace(/[&<>]/g, (character) => SLACK[character]),
	html: (text) => text.replace(/[&<>"']/g, (character) => HTML[character]),
	plain: (text) => text,
};

export const MESSAGE_FORMATS: readonly MessageFormat[] = ['slack', 'html', 'plain'];
