// Pure code: runs anywhere. Chinese strings: the duty roster, check-in and handover.
export const rosterZhCN = {
  'onDuty.title': '当前值班',
  'onDuty.next': '下一班',
  'onDuty.leader': '带班领导',
  'onDuty.officers': '值班员',
  'onDuty.none': '未设置值班表',
  'onDuty.noneHint': '当前时段没有排班。请到“值班表”生成或录入本月值班安排。',
  'onDuty.goRoster': '去排班',
  'onDuty.checkedIn': '已签到',
  'onDuty.notCheckedIn': '未签到',
  'onDuty.shiftTime': '{start} – {end}',
} as const;
