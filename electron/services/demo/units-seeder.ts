// Runs in plain Node. Demo seeder: the reporting units of a city (districts, counties, departments).
import { findUnitByName } from '../../db/repositories/units.js';
import type { UnitKind } from '../../../shared/domain/unit.js';
import { createUnit } from '../units.js';
import type { DemoSeeder } from './seeders.js';

export const DEMO_UNITS: { name: string; kind: UnitKind; phone: string; contact: string; title: string }[] = [
  { name: '东城区', kind: 'district', phone: '027-85551234', contact: '王伟', title: '值班主任' },
  { name: '西城区', kind: 'district', phone: '027-85552345', contact: '李娜', title: '值班员' },
  { name: '南湖区', kind: 'district', phone: '027-85553456', contact: '张强', title: '应急办副主任' },
  { name: '北山区', kind: 'district', phone: '027-85554567', contact: '刘洋', title: '值班员' },
  { name: '江口县', kind: 'county', phone: '0716-6601234', contact: '陈静', title: '值班主任' },
  { name: '清河县', kind: 'county', phone: '0716-6602345', contact: '杨帆', title: '值班员' },
  { name: '市交通运输局', kind: 'department', phone: '027-85560001', contact: '赵磊', title: '总值班室' },
  { name: '市住房和城乡建设局', kind: 'department', phone: '027-85560002', contact: '黄敏', title: '总值班室' },
  { name: '市消防救援支队', kind: 'department', phone: '119', contact: '周杰', title: '指挥中心' },
  { name: '市水务局', kind: 'department', phone: '027-85560004', contact: '吴芳', title: '防汛办' },
  { name: '市卫生健康委', kind: 'department', phone: '027-85560005', contact: '徐丽', title: '应急办' },
  { name: '市公安局', kind: 'department', phone: '110', contact: '孙明', title: '指挥中心' },
];

export const unitsSeeder: DemoSeeder = {
  name: 'units',
  seed(ctx) {
    let added = 0;
    for (const u of DEMO_UNITS) {
      if (findUnitByName(ctx.db, u.name)) continue;
      createUnit(
        ctx,
        { name: u.name, kind: u.kind, dutyPhone: u.phone, fax: '', contactName: u.contact, contactTitle: u.title, contactPhone: '', address: '', notes: '' },
        'demo',
      );
      added++;
    }
    return `${added} units added (${DEMO_UNITS.length - added} already there)`;
  },
};
