/**
 * Model output is untrusted: Markdown → HTML with marked (GFM tables, fenced code highlighted by highlight.js, $…$ and
 * $$…$$ math by KaTeX), then DOMPurify removes scripts, event handlers and dangerous URLs.
 */
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import DOMPurify from 'dompurify';
import katex from 'katex';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import css from 'highlight.js/lib/languages/css';

const LANGUAGES: Record<string, Parameters<typeof hljs.registerLanguage>[1]> = {
  bash, java, javascript, json, python, sql, typescript, xml, yaml, css,
};
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);
hljs.registerAliases(['sh', 'shell', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['js', 'jsx', 'mjs'], { languageName: 'javascript' });
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function tex(source: string, displayMode: boolean): string {
  try {
    return katex.renderToString(source, { displayMode, throwOnError: false, output: 'htmlAndMathml', trust: false, strict: 'ignore' });
  } catch {
    return `<code>${escapeHtml(source)}</code>`;
  }
}

interface MathToken extends Tokens.Generic {
  type: 'blockMath' | 'inlineMath';
  text: string;
}

const blockMath: TokenizerAndRendererExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => src.match(/^ {0,3}\$\$/m)?.index,
  tokenizer(src) {
    const m = /^ {0,3}\$\$([\s\S]+?)\$\$[ \t]*(?:\n|$)/.exec(src);
    if (!m) return undefined;
    return { type: 'blockMath', raw: m[0], text: m[1].trim() } as MathToken;
  },
  renderer: (token) => `<div class="math-block">${tex((token as MathToken).text, true)}</div>\n`,
};

// $x$ but not "$5 and $10": no space just inside the dollars, no digit right after the closing one
const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => src.indexOf('$') >= 0 ? src.indexOf('$') : undefined,
  tokenizer(src) {
    const display = /^\$\$([^$]+?)\$\$/.exec(src);
    if (display) return { type: 'inlineMath', raw: display[0], text: display[1].trim(), display: true } as MathToken;
    const m = /^\$(?![\s$])((?:\\\$|[^$\n])+?)(?<![\s\\])\$(?!\d)/.exec(src);
    if (!m) return undefined;
    return { type: 'inlineMath', raw: m[0], text: m[1], display: false } as MathToken;
  },
  renderer: (token) => tex((token as MathToken).text, Boolean((token as MathToken).display)),
};

const marked = new Marked({
  gfm: true,
  breaks: false,
  extensions: [blockMath, inlineMath],
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? '').trim().split(/\s+/)[0].toLowerCase();
      let body: string;
      let cls = 'hljs';
      if (language && hljs.getLanguage(language)) {
        body = hljs.highlight(text, { language, ignoreIllegals: true }).value;
        cls += ` language-${language}`;
      } else {
        body = escapeHtml(text);
      }
      const label = language ? `<span class="code-lang">${escapeHtml(language)}</span>` : '';
      return `<div class="code-block">${label}<pre><code class="${cls}">${body}</code></pre></div>\n`;
    },
    image({ href, text }: Tokens.Image): string {
      // pictures the agent drew are the user's own files behind their API key: an <img src> cannot send the key,
      // so they are marked for fetching (see loadGeneratedImages) instead of loaded by the browser
      if (isGeneratedImage(href)) {
        return `<figure class="generated-image"><img data-generated-src="${escapeHtml(href)}" alt="${escapeHtml(text)}" />`
          + `<figcaption>${escapeHtml(text)}</figcaption></figure>`;
      }
      // any other image would be fetched from wherever the model pointed it, the moment the answer shows: a way for
      // injected text to send data out in the URL. It becomes a link the user may choose to open.
      return `<a href="${escapeHtml(href)}" class="image-link">${escapeHtml(text || 'image')} (image)</a>`;
    },
  },
});

const GENERATED = /^\/v1\/images\/files\/[A-Za-z0-9._-]+\.png$/;

/** Whether a URL is one of the caller's generated images on this server. */
export function isGeneratedImage(href: string): boolean {
  return GENERATED.test(href);
}

/**
 * Shows the generated images marked in {@code root}: each is fetched with the API key and shown from a blob URL.
 * Returns the blob URLs made, for the caller to revoke when the message goes away.
 */
export async function loadGeneratedImages(root: HTMLElement, fetchBlob: (path: string) => Promise<Blob>): Promise<string[]> {
  const made: string[] = [];
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>('img[data-generated-src]'))) {
    const path = img.getAttribute('data-generated-src')!;
    img.removeAttribute('data-generated-src');
    try {
      const url = URL.createObjectURL(await fetchBlob(path));
      made.push(url);
      img.src = url;
    } catch {
      img.alt = `${img.alt} (the picture could not be loaded)`;
    }
  }
  return made;
}

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    });
  }
  return DOMPurify;
}

/** Sanitises HTML: no scripts, styles sheets, forms, frames, event handlers or javascript: URLs. */
export function sanitize(html: string): string {
  return purifier().sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['srcset'],
    ADD_ATTR: ['target'],
  }) as string;
}

/** Markdown (possibly half-written, while it streams) to safe HTML. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(closeOpenFence(markdown), { async: false }) as string;
  return sanitize(html);
}

/** While a reply streams, an unclosed ``` fence would swallow the rest: close it for display. */
export function closeOpenFence(markdown: string): string {
  const fences = markdown.match(/^ {0,3}(```|~~~)/gm);
  return fences && fences.length % 2 === 1 ? `${markdown}\n${fences[fences.length - 1].trim()}` : markdown;
}

/** Plain text for speech: drops code blocks, math, Markdown marks and citation markers. */
export function speakableText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[\d+\]/g, '')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
