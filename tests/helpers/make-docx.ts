import JSZip from 'jszip';

/** A table cell: its text ("\n" starts a new paragraph), spanning columns or merged down. */
export type DocxCell = string | { text: string; colspan?: number; vMerge?: 'restart' | 'continue' };

/** A Word table (w:tbl/w:tr/w:tc/w:p), one array of cells per row. */
export interface DocxTable {
  table: DocxCell[][];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function paragraph(line: string): string {
  const half = Math.floor(line.length / 2);
  const runs = [line.slice(0, half), line.slice(half)].filter((r) => r !== '');
  return `<w:p>${runs.map((r) => `<w:r><w:t xml:space="preserve">${escapeXml(r)}</w:t></w:r>`).join('')}</w:p>`;
}

function tableCell(cell: DocxCell): string {
  const { text, colspan, vMerge } = typeof cell === 'string' ? { text: cell } : cell;
  const props = [
    colspan ? `<w:gridSpan w:val="${colspan}"/>` : '',
    vMerge ? `<w:vMerge${vMerge === 'restart' ? ' w:val="restart"' : ''}/>` : '',
  ].join('');
  // Word requires at least one paragraph in every cell, even an empty one.
  return `<w:tc><w:tcPr>${props}</w:tcPr>${text.split('\n').map(paragraph).join('')}</w:tc>`;
}

function table({ table }: DocxTable): string {
  return `<w:tbl>${table.map((row) => `<w:tr>${row.map(tableCell).join('')}</w:tr>`).join('')}</w:tbl>`;
}

/**
 * A minimal but valid .docx (the three parts Word itself needs) with one paragraph per line, some
 * split into several runs the way Word splits text it has spell-checked, and tables where given.
 */
export async function makeDocx(blocks: (string | DocxTable)[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${blocks.map((b) => (typeof b === 'string' ? paragraph(b) : table(b))).join('')}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
