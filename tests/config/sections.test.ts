import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Org } from '../../src/config/org-schema.js';
import {
  canConfirm,
  expandSections,
  findSection,
  isAdmin,
  sectionsOf,
  whoCanConfirm,
} from '../../src/config/sections.js';
import { REAL_CONFIG_DIR } from './paths.js';

const { org, sections } = await loadConfig(REAL_CONFIG_DIR);

function openIdOf(name: string, where: Org = org): string {
  for (const s of where.sections)
    for (const p of [s.head, ...s.deputies]) if (p.name === name && p.open_id) return p.open_id;
  throw new Error(`no ${name} in org.yaml`);
}

describe('expandSections', () => {
  it('turns 各科室 into every section, in org.yaml order', () => {
    expect(expandSections(['各科室'], org)).toEqual(sections);
    expect(sections).toHaveLength(15);
  });

  it('keeps the order written and drops repeats, wherever 各科室 stands', () => {
    const expanded = expandSections(['监督科', '各科室', '办公室'], org);
    expect(expanded[0]).toBe('监督科');
    expect(expanded).toHaveLength(15);
    expect(new Set(expanded)).toEqual(new Set(sections));
  });

  it('resolves aliases and keeps unknown names as written', () => {
    expect(expandSections(['金融中心', '金融服务中心', ' 债务科 ', '外单位'], org)).toEqual([
      '金融服务中心',
      '债务科',
      '外单位',
    ]);
  });
});

describe('who may confirm', () => {
  const head = openIdOf('曹阳'); // 监督科 head
  const deputy = openIdOf('谢婉清'); // 金融服务中心 deputy
  const admin = org.admins[0]!.open_id;
  const stranger = 'ou_0000000000000000';

  it('the head and deputies of the section, and admins', () => {
    expect(canConfirm(head, '监督科', org)).toBe(true);
    expect(canConfirm(deputy, '金融服务中心', org)).toBe(true);
    expect(canConfirm(deputy, '金融中心', org)).toBe(true); // through the alias
    expect(canConfirm(admin, '国资科', org)).toBe(true);
  });

  it('not the head of another section, nor a stranger, nor anyone for an unknown section', () => {
    expect(canConfirm(head, '国资科', org)).toBe(false);
    expect(canConfirm(stranger, '监督科', org)).toBe(false);
    expect(canConfirm(head, '监察科', org)).toBe(false);
  });

  it('whoCanConfirm names the head first, then the deputies', () => {
    expect(whoCanConfirm('金融服务中心', org).map((p) => p.name)).toEqual(['罗斌', '谢婉清']);
    expect(whoCanConfirm('监督科', org).map((p) => p.name)).toEqual(['曹阳']);
    expect(whoCanConfirm('监察科', org)).toEqual([]);
  });

  it('sectionsOf lists where someone is head or deputy; isAdmin only admins', () => {
    expect(sectionsOf(head, org)).toEqual(['监督科']);
    expect(sectionsOf(deputy, org)).toEqual(['金融服务中心']);
    expect(sectionsOf(stranger, org)).toEqual([]);
    expect(isAdmin(admin, org)).toBe(true);
    expect(isAdmin(head, org)).toBe(false);
  });

  it('findSection goes through aliases', () => {
    expect(findSection('金融中心', org)?.name).toBe('金融服务中心');
    expect(findSection('各科室', org)).toBeUndefined();
  });
});
