// CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) to
// rows of { header: value } with empty cells left out, as `vigil gap` reads
// an SoA; each row keeps the line it starts on, so the API's errors about
// row i can name the file's line.
export function parseCsv(text) {
  const records = [];
  let field = '', record = [], quoted = false, line = 1, start = 1;
  const endField = () => { record.push(field); field = ''; };
  const endRecord = () => { endField(); records.push({ line: start, fields: record }); record = []; };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line += 1; field += c; }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      start = line;
    } else field += c;
  }
  if (field !== '' || record.length) endRecord();
  const nonEmpty = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (!nonEmpty.length) return { rows: [], lines: [] };
  const header = nonEmpty[0].fields.map((h) => h.trim());
  const rows = [], lines = [];
  for (const r of nonEmpty.slice(1)) {
    const row = {};
    header.forEach((h, i) => { if (h && r.fields[i] !== undefined && r.fields[i] !== '') row[h] = r.fields[i]; });
    rows.push(row);
    lines.push(r.line);
  }
  return { rows, lines };
}
