// Generates one letter per recipient with docxtemplater, as its documentation shows: a new
// PizZip and Docxtemplater for each letter, rendered and written as a deflate-compressed DOCX.
const fs = require('fs');
const path = require('path');
const PizZip = require('pizzip');
const Docxtemplater = require('docxtemplater');
const expressionParser = require('docxtemplater/expressions.js');

const [template, dataFile, outDir] = process.argv.slice(2);
const content = fs.readFileSync(template, 'binary');
const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
fs.mkdirSync(outDir, { recursive: true });
const width = String(data.recipients.length).length;
data.recipients.forEach((recipient, i) => {
  const zip = new PizZip(content);
  const doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, parser: expressionParser });
  doc.render({ ...data, recipient });
  const buf = doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  fs.writeFileSync(path.join(outDir, String(i + 1).padStart(width, '0') + '.docx'), buf);
});
