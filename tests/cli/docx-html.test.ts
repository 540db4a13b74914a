import { describe, expect, it } from 'vitest';
import { blocksOfHtml } from '../../src/cli/docx-html.js';

describe('blocksOfHtml', () => {
  it('reads paragraphs and tables in order, decoding entities', () => {
    const html =
      '<h1>2024年&amp;工作要点</h1><p>前言&lt;一&gt;&#x4e00;&#20108;</p>' +
      '<table><tr><th><p>序号</p></th><th><p>工作任务</p></th></tr>' +
      '<tr><td><p>1</p></td><td><p>第一段</p><p>第二段<br />第三行</p></td></tr></table><p>附件</p><p></p>';
    expect(blocksOfHtml(html)).toEqual([
      '2024年&工作要点',
      '前言<一>一二',
      [
        ['序号', '工作任务'],
        ['1', '第一段\n第二段\n第三行'],
      ],
      '附件',
    ]);
  });

  it('leaves spanned columns empty and repeats a cell merged down', () => {
    const html =
      '<table><tr><td colspan="3"><p>一、党建</p></td></tr>' +
      '<tr><td><p>1</p></td><td><p>甲</p></td><td rowspan="2"><p>办公室</p></td></tr>' +
      '<tr><td><p>2</p></td><td><p>乙</p></td></tr>' +
      '<tr><td rowspan="2"><p>3</p></td><td><p>丙</p></td><td><p>人事科</p></td></tr>' +
      '<tr><td><p>丁</p></td><td><p>财务科</p></td></tr></table>';
    expect(blocksOfHtml(html)).toEqual([
      [
        ['一、党建', '', ''],
        ['1', '甲', '办公室'],
        ['2', '乙', '办公室'],
        ['3', '丙', '人事科'],
        ['3', '丁', '财务科'],
      ],
    ]);
  });

  it('folds a nested table into its cell, one line per inner cell', () => {
    const html =
      '<table><tr><td><p>外</p><table><tr><td><p>内一</p></td><td><p>内二</p></td></tr></table></td><td><p>右</p></td></tr></table>';
    expect(blocksOfHtml(html)).toEqual([[['外\n内一\n内二', '右']]]);
  });
});

describe('blocksOfHtml on pages offices save', () => {
  it('skips head, scripts, styles and comments; ends lines at <div>; joins the source’s own line breaks', () => {
    const html = `<html><head><title>标题</title></head><body><style>.a{}</style>
      <div>一、加强
        党的建设</div><!-- <p>注释里的段落</p> --><script>if (a < b) {}</script><div>（一）做A。</div>
      <p>末段<!-- 没有结束的注释 <p>不是正文</p>`;
    expect(blocksOfHtml(html)).toEqual(['一、加强党的建设', '（一）做A。', '末段']);
  });

  it('keeps going past a "<" that opens no tag', () => {
    expect(blocksOfHtml('<p>甲 < 乙，3<5</p><p>丙</p>')).toEqual(['甲 < 乙，3<5', '丙']);
  });
});
