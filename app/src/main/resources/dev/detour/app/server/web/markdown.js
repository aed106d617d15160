// A small Markdown renderer for model text, which is untrusted: it builds DOM nodes and sets only
// textContent and vetted href values, so no input can inject HTML, script or style.
// Supports headings, paragraphs, lists, block quotes, fenced code, tables, rules, **bold**, *em*/_em_,
// `code`, backslash escapes, [links](https://…) and bare http(s) URLs; links to any other scheme stay plain text.

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

export function renderMarkdown(text, container) {
  container.replaceChildren(...blocks(String(text).replace(/\r\n?/g, '\n').split('\n')));
}

function el(tag, ...children) {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}

function blocks(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) { i++; continue; }
    let m;
    if (/^\s*```/.test(line)) {
      const code = [];
      i++;
      while (i < lines.length && !/^\s*```/.test(lines[i])) code.push(lines[i++]);
      i++;
      out.push(el('pre', el('code', code.join('\n'))));
    } else if ((m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
      out.push(el('h' + Math.min(6, m[1].length + 1), ...inline(m[2])));
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(document.createElement('hr'));
      i++;
    } else if (/^\s*>/.test(line)) {
      const quoted = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ''));
      out.push(el('blockquote', ...blocks(quoted)));
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = document.createElement(ordered ? 'ol' : 'ul');
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
        let item = lines[i++].replace(/^\s*([-*+]|\d+[.)])\s+/, '');
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
          item += ' ' + lines[i++].trim();
        }
        list.append(el('li', ...inline(item)));
      }
      out.push(list);
    } else if (isRow(line) && i + 1 < lines.length && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1])) {
      const head = cells(line);
      i += 2;
      const body = [];
      while (i < lines.length && isRow(lines[i])) body.push(cells(lines[i++]));
      const table = el('table', el('thead', el('tr', ...head.map(c => el('th', ...inline(c))))),
        el('tbody', ...body.map(row => el('tr', ...row.map(c => el('td', ...inline(c)))))));
      out.push(el('div', table));
      out[out.length - 1].className = 'table-wrap';
    } else {
      const para = [];
      while (i < lines.length && lines[i].trim() && !/^\s*(#{1,6}\s|```|>|([-*+]|\d+[.)])\s)/.test(lines[i])) {
        para.push(lines[i++].trim());
      }
      if (!para.length) para.push(lines[i++].trim());
      out.push(el('p', ...inline(para.join(' '))));
    }
  }
  return out;
}

function isRow(line) {
  return /^\s*\|.*\|\s*$/.test(line);
}

function cells(line) {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const result = [];
  let cell = '';
  for (let k = 0; k < inner.length; k++) {
    if (inner[k] === '\\' && inner[k + 1] === '|') { cell += '|'; k++; }
    else if (inner[k] === '|') { result.push(cell.trim()); cell = ''; }
    else cell += inner[k];
  }
  result.push(cell.trim());
  return result;
}

const INLINE = /(\\[\\`*_{}\[\]()#+\-.!<>|~])|(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\b_[^_\s][^_]*_\b)|(\[[^\]]+\]\([^)\s]+\))|(<https?:\/\/[^>\s]+>)|(https?:\/\/[^\s<>)\]]+)/;

function inline(text) {
  const nodes = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) { nodes.push(document.createTextNode(rest)); break; }
    if (m.index > 0) nodes.push(document.createTextNode(rest.slice(0, m.index)));
    const token = m[0];
    if (m[1]) nodes.push(document.createTextNode(token.slice(1)));
    else if (m[2]) nodes.push(el('code', token.slice(1, -1)));
    else if (m[3]) nodes.push(el('strong', ...inline(token.slice(2, -2))));
    else if (m[4] || m[5]) nodes.push(el('em', ...inline(token.slice(1, -1))));
    else if (m[6]) {
      const split = token.indexOf('](');
      nodes.push(link(token.slice(1, split), token.slice(split + 2, -1)));
    } else if (m[7]) nodes.push(urlLink(token.slice(1, -1)));
    else nodes.push(urlLink(token.replace(/[.,;:]+$/, '')),
      document.createTextNode(token.slice(token.replace(/[.,;:]+$/, '').length)));
    rest = rest.slice(m.index + token.length);
  }
  return nodes;
}

function link(label, url) {
  return anchor(label, url, inline(label).filter(n => n.nodeName !== 'A'));
}

// An autolink or a bare URL: its label is the URL as text, never parsed again as inline Markdown.
function urlLink(url) {
  return anchor(url, url, [document.createTextNode(url)]);
}

function anchor(label, url, children) {
  if (!SAFE_URL.test(url)) return document.createTextNode(label);
  const a = el('a', ...children);
  a.href = url;
  a.rel = 'noopener noreferrer nofollow';
  return a;
}
