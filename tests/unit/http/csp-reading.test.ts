/**
 * The readers the header walk (tests/e2e/headers.spec.ts) uses to hold each page to its policy:
 * a policy's directives, the hash source of an inline text, and the inline code of a page.
 */
import { describe, expect, it } from 'vitest';
import { inlineCode, parseCsp, sha256Source } from '../../e2e/support/csp';

describe('parseCsp', () => {
  it('reads directives with their sources, the first of a name winning', () => {
    const d = parseCsp("default-src 'self';img-src 'self' data:; script-src 'self' 'sha256-a='; upgrade-insecure-requests; img-src *;");
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('script-src')).toEqual(["'self'", "'sha256-a='"]);
    expect(d.get('upgrade-insecure-requests')).toEqual([]);
    expect([...d.keys()]).toHaveLength(4);
  });
});

describe('sha256Source', () => {
  it('is the quoted base64 SHA-256 of the UTF-8 text, as browsers compute it', () => {
    // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    expect(sha256Source('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    expect(sha256Source('普陀')).not.toBe(sha256Source('普'));
  });
});

describe('inlineCode', () => {
  it('finds the inline scripts a browser runs and the inline styles, not external scripts or data blocks', () => {
    const html = [
      '<script>one()</script>',
      '<script type="module">two()</script>',
      '<script type="module" src="/_astro/x.js"></script>',
      '<script type="application/ld+json">{"a":1}</script>',
      '<style>a{color:red}</style>',
    ].join('');
    expect(inlineCode(html)).toEqual({ scripts: ['one()', 'two()'], styles: ['a{color:red}'], attributes: [] });
  });

  it('finds style attributes and event handlers, but not the words inside values, text or scripts', () => {
    const html = [
      '<div style="color:red" class="a">x</div>',
      '<button onclick="go()">y</button>',
      '<meta name="description" content="a > b style=x onload=y">',
      '<p>style="in text"</p>',
      '<script>document.body.innerHTML = "<b style=\'x\'>";</script>',
      '<img src="/a.svg" alt="" />',
    ].join('');
    expect(inlineCode(html).attributes).toEqual(['style', 'onclick']);
  });
});
