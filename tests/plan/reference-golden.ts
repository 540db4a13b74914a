/**
 * What the reference plan must import to, read off the document by hand: every item's id, leads,
 * partners and deadline as written, and every milestone's due date or recurrence.
 * Milestones: a date, or `every:month|quarter|half-year|year` with `×N` for a count.
 */
export interface GoldenItem {
  id: string;
  title: string;
  leads: string[];
  partners: string[];
  deadline: string;
  milestones: string[];
}

const L = (s: string) => s.split(' ').filter(Boolean);

// biome-ignore format: one row per item reads as a table
export const REFERENCE_GOLDEN: GoldenItem[] = [
  { id: '1.1', title: '始终把加强政治建设摆在首位', leads: L('办公室'), partners: L('党支部'), deadline: '2023-12-31', milestones: ['every:half-year×1'] },
  { id: '1.2', title: '加强党的二十大精神宣贯', leads: L('办公室'), partners: L('党支部'), deadline: '2023-06-30', milestones: [] },
  { id: '1.3', title: '纵深推进全面从严治党', leads: L('办公室'), partners: L('党风廉政监督组 党支部'), deadline: '2023-12-31', milestones: ['every:half-year×1', 'every:year'] },
  { id: '2.1', title: '挖潜量促增收', leads: L('预算科'), partners: L('国库科'), deadline: '2023-12-31', milestones: [] },
  { id: '2.2', title: '培植税源增收', leads: L('经建科 金融服务中心'), partners: L('预算科 行财科 农业科'), deadline: '2023-12-31', milestones: [] },
  { id: '3.1', title: '进一步强化预算编制', leads: L('预算科'), partners: L('国库科 经建科 行财科 农业科 绩效科 采购科 国资科'), deadline: '2023-12-31', milestones: ['2023-03-31'] },
  { id: '3.2', title: '进一步优化支出结构', leads: L('国库科'), partners: L('经建科 行财科 农业科 支付中心'), deadline: '2023-12-31', milestones: [] },
  { id: '3.3', title: '进一步理顺区镇财政体制', leads: L('预算科'), partners: L('农业科 支付中心'), deadline: '2023-12-31', milestones: [] },
  { id: '4.1', title: '主动向上争取', leads: L('农业科 预算科'), partners: L('各科室'), deadline: '2023-12-31', milestones: [] },
  { id: '4.2', title: '全力做好配合和保障', leads: L('债务科 预算科'), partners: L('行财科 经建科 农业科'), deadline: '2023-12-31', milestones: [] },
  { id: '5.1', title: '努力化解存量风险', leads: L('债务科'), partners: L('各科室'), deadline: '2023-12-31', milestones: [] },
  { id: '5.2', title: '严禁违规新增政府债务', leads: L('债务科'), partners: L('预算科 绩效科 农业科 行财科 经建科 采购科 支付中心'), deadline: '2023-12-31', milestones: [] },
  { id: '6.1', title: '持续做好金融招商', leads: L('金融服务中心'), partners: [], deadline: '2023-12-31', milestones: [] },
  { id: '6.2', title: '持续抓好金融服务', leads: L('金融服务中心'), partners: [], deadline: '2023-12-31', milestones: ['every:quarter', 'every:month'] },
  { id: '7.1', title: '规范行政事业性资产管理', leads: L('国资科'), partners: L('监督科 行财科 农业科 经建科'), deadline: '2023-08-31', milestones: [] },
  { id: '7.2', title: '持续深化国企改革转型发展', leads: L('国资科'), partners: L('债务科'), deadline: '2023-12-31', milestones: ['2023-03-31', '2023-05-31'] },
  { id: '8.1', title: '进一步健全绩效管理机制', leads: L('绩效科'), partners: L('预算科 农业科 行财科 经建科 支付中心'), deadline: '2023-12-31', milestones: [] },
  { id: '8.2', title: '完善资金投入稳增长机制', leads: L('国库科'), partners: L('预算科 农业科 行财科 经建科 支付中心'), deadline: '2023-12-31', milestones: [] },
  { id: '8.3', title: '加快推动政府采购改革', leads: L('采购科'), partners: L('预算科 农业科 行财科 经建科 支付中心'), deadline: '2023-12-31', milestones: [] },
  { id: '8.4', title: '加强财政监督', leads: L('监督科'), partners: L('绩效科 农业科 支付中心'), deadline: '2023-12-31', milestones: ['2023-09-30', '2023-11-30', '2023-06-30'] },
  { id: '9.1', title: '巩固帮扶成效', leads: L('办公室'), partners: L('各科室'), deadline: '2023-12-31', milestones: [] },
  { id: '9.2', title: '加强财政工作保障', leads: L('农业科 金融服务中心'), partners: L('经建科'), deadline: '2023-12-31', milestones: [] },
  { id: '10.1', title: '加强宣传教育', leads: L('办公室 金融服务中心'), partners: L('各科室'), deadline: '2023-12-31', milestones: [] },
  { id: '10.2', title: '加强经费保障', leads: L('行财科 经建科'), partners: L('预算科 支付中心'), deadline: '2023-12-31', milestones: [] },
];
