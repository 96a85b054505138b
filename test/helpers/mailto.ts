/** Reads a mailto link back the way a mail client does (RFC 6068). */
export function parseMailto(link: string) {
  const [address, query = ''] = link.slice('mailto:'.length).split('?');
  const fields: Record<string, string> = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    fields[decodeURIComponent(key!)] = decodeURIComponent(value);
  }
  return { to: decodeURIComponent(address ?? ''), fields, keys: Object.keys(fields) };
}
