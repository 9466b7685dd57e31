// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nango's templates are written ${…} in plain strings
import { describe, expect, it } from 'vitest';
import { renderTemplate, type Values } from './render.js';
import { parseTemplate, TemplateError } from './template.js';

const values: Values = {
  config: new Map([
    ['hostname', 'acme.example.com'],
    ['tenant', 't1'],
  ]),
  credentials: new Map([
    ['apiKey', 'k3y'],
    ['username', 'ann'],
    ['password', 'pw'],
  ]),
};

function render(source: string): string | undefined {
  return renderTemplate(parseTemplate(source), values);
}

describe('templates', () => {
  it('reads fields by part, a bare name being a credential', () => {
    expect(parseTemplate('ApiToken ${apiKey}').alternatives).toEqual([
      [
        { kind: 'text', text: 'ApiToken ' },
        { kind: 'field', part: 'credentials', name: 'apiKey' },
      ],
    ]);
    expect(render('https://${connectionConfig.hostname}/x')).toBe('https://acme.example.com/x');
    expect(render('${credentials.username}')).toBe('ann');
    expect(render('no expression')).toBe('no expression');
  });

  it('writes base64 of a nested template', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(render('Basic ${base64(${credentials.username}:${credentials.password})}')).toBe(
      `Basic ${b64('ann:pw')}`,
    );
    expect(render('Basic ${base64(${credentials.username}/token:${credentials.password})}')).toBe(
      `Basic ${b64('ann/token:pw')}`,
    );
    expect(
      render('${base64(${connectionConfig.tenant}+${credentials.username}:${credentials.password})}'),
    ).toBe(b64('t1+ann:pw'));
    expect(render('Basic ${base64(${apiKey}:)}')).toBe(`Basic ${b64('k3y:')}`);
  });

  it('takes the first alternative whose fields all have values', () => {
    expect(render('${connectionConfig.version} || 2022-11-28')).toBe('2022-11-28');
    expect(render('https://${connectionConfig.hostname} || https://amplitude.com')).toBe(
      'https://acme.example.com',
    );
    expect(
      render('https://${connectionConfig.none} || https://${connectionConfig.missing}.io'),
    ).toBeUndefined();
    expect(parseTemplate('a || b').alternatives).toHaveLength(1);
  });

  it('gives nothing when a field has no value', () => {
    expect(render('Bearer ${connectionConfig.jwt}')).toBeUndefined();
  });

  it.each([
    ['${awsSigV4(${credentials.username}, ${credentials.password}, us-east-1, iam)}', 'awsSigV4'],
    ['${now:YYYYMMDDTHHmmss[Z]}', 'now'],
    ['${now+1:minutes:X}', 'now'],
    ['Basic ${base64(${credentials.username}:${hmacSha1Hex(x, ${credentials.password})})}', 'hmacSha1Hex'],
    ['sha-256=:${sha256Base64(${bodyCanonicalParams})}:', 'sha256Base64'],
  ])('refuses the template function in %s', (source, name) => {
    expect(() => parseTemplate(source)).toThrow(new TemplateError(`unsupported template function ${name}`));
  });

  it('refuses what it cannot read', () => {
    expect(() => parseTemplate('${connectionConfig.a.b}')).toThrow(TemplateError);
    expect(() => parseTemplate('${}')).toThrow(TemplateError);
    expect(() => parseTemplate('${base64(${apiKey}')).toThrow(TemplateError);
    expect(() => parseTemplate('${other.x}')).toThrow(TemplateError);
  });
});
