// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { closeOpenFence, isGeneratedImage, loadGeneratedImages, renderMarkdown, sanitize, speakableText } from '../src/lib/markdown';

describe('renderMarkdown', () => {
  it('keeps fenced code with highlighting', () => {
    const html = renderMarkdown('```java\nint x = 1; // one\n```');
    expect(html).toContain('<pre>');
    expect(html).toContain('language-java');
    expect(html).toContain('<span class="hljs-type">int</span>');
  });

  it('escapes HTML inside code', () => {
    const html = renderMarkdown('```\n<script>alert(1)</script>\n```');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('keeps GFM tables', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>2</td>');
  });

  it('renders inline and display math with KaTeX', () => {
    const html = renderMarkdown('Euler: $e^{i\\pi} + 1 = 0$\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$');
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html).toContain('<math');
  });

  it('does not treat prices as math', () => {
    const html = renderMarkdown('It costs $5 and $10.');
    expect(html).not.toContain('katex');
    expect(html).toContain('$5 and $10');
  });

  it('strips scripts, event handlers and javascript: links', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script><img src="x" onerror="alert(2)"> [x](javascript:alert(3)) <a href="#" onclick="alert(4)">y</a>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/onclick/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('<img src="x">');
  });

  it('sanitises raw HTML blocks, iframes and styles', () => {
    const html = sanitize('<iframe src="https://evil"></iframe><style>body{}</style><svg><script>1</script></svg><p>ok</p>');
    expect(html).not.toMatch(/iframe|<style|<script/i);
    expect(html).toContain('<p>ok</p>');
  });

  it('opens links in a new tab without an opener', () => {
    const html = renderMarkdown('[site](https://example.org)');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('closes an unfinished fence while streaming', () => {
    expect(closeOpenFence('```js\nlet a')).toBe('```js\nlet a\n```');
    expect(closeOpenFence('```\nx\n```')).toBe('```\nx\n```');
    expect(renderMarkdown('```js\nlet a')).toContain('<pre>');
  });
});

describe('speakableText', () => {
  it('drops code, math, marks and citation numbers', () => {
    expect(speakableText('# Title\n**Bold** answer [1].\n```js\ncode()\n```\n$$x$$ [link](http://a) `y`')).toBe('Title Bold answer . link y');
  });
});

describe('generated images', () => {
  it('marks the agent\'s pictures for an authorised fetch, and turns other images into links that load nothing', () => {
    const html = renderMarkdown('Here it is.\n\n![a red lighthouse](/v1/images/files/abc-123.png)\n\n![x](https://example.org/x.png)');
    const root = document.createElement('div');
    root.innerHTML = html;
    const mine = root.querySelector('img[data-generated-src]')!;
    expect(mine.getAttribute('data-generated-src')).toBe('/v1/images/files/abc-123.png');
    expect(mine.getAttribute('src')).toBeNull();
    expect(mine.getAttribute('alt')).toBe('a red lighthouse');
    expect(root.querySelector('figcaption')!.textContent).toBe('a red lighthouse');
    expect(root.querySelectorAll('img[src]')).toHaveLength(0); // never loaded from elsewhere: data could leave in its URL
    expect(root.querySelector('a.image-link')!.getAttribute('href')).toBe('https://example.org/x.png');
    expect(isGeneratedImage('/v1/images/files/../../etc/passwd.png')).toBe(false);
  });

  it('loads marked pictures through the given fetch and shows them from blob URLs', async () => {
    const root = document.createElement('div');
    root.innerHTML = renderMarkdown('![moon](/v1/images/files/m.png)');
    const asked: string[] = [];
    const original = URL.createObjectURL; // jsdom has no blob URLs
    URL.createObjectURL = () => 'blob:omnivox/1';
    const made = await loadGeneratedImages(root, async (path) => { asked.push(path); return new Blob(['png']); })
      .finally(() => { URL.createObjectURL = original; });
    expect(asked).toEqual(['/v1/images/files/m.png']);
    expect(made).toHaveLength(1);
    expect(root.querySelector('img')!.getAttribute('src')).toBe(made[0]);
    expect(speakableText('Done.\n\n![moon](/v1/images/files/m.png)')).toBe('Done.');
  });
});
