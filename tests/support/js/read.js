// Reads a bibliography file with citation-js and prints its items as CSL-JSON (for the export tests).
// Usage: node read.js FORMAT FILE, FORMAT one of bibtex, biblatex, ris, csl-json.
const fs = require('fs');
const { Cite, plugins } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');
require('@citation-js/plugin-csl');

const [format, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const types = { bibtex: '@biblatex/text', biblatex: '@biblatex/text', ris: '@ris/file' };
const input = format === 'csl-json' ? JSON.parse(text) : text;
const options = format === 'csl-json' ? { forceType: '@csl/list+object' } : { forceType: types[format] };
const cite = new Cite(input, options);
process.stdout.write(JSON.stringify(cite.data));
