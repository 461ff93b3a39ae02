#!/usr/bin/env python3
# Renders a plan truth file as an HTML plan (usage: TRUTH OUT.html BORDERS(0|1)), to print
# with headless Chromium: how fixtures/pdf-browser was made. chromium --headless
# --print-to-pdf=OUT.pdf file://OUT.html (flags as in that folder's README).
import json, sys, html
truth_path, out_html, borders = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
t = json.load(open(truth_path))
recs = t['records']
lang = recs[0]['language']
zh = lang != 'en'
pub = recs[0]['publisher']; period = recs[0]['plan_period']; y, m = recs[0]['plan_date'].split('-')
H = {
 'A': ('A. 在 %s 年發放的局／部門數據集' % period[:4]) if zh else 'A. Datasets of the B/D to be released in %s' % period[:4],
 'B': 'B. 在 %s 年及 %s 年發放的局／部門數據集' % (int(period[:4])+1, period[5:]) if zh else 'B. Datasets of the B/D to be released in %s and %s' % (int(period[:4])+1, period[5:]),
 'C': 'C. 其他機構計劃開放的數據集' if zh else 'C. Datasets planned to be opened up by other organisations',
 'D': 'D. 進度：局／部門及其他機構已經上載至「資料一線通」網站的數據集' if zh else 'D. Progress: Datasets of the B/D and other organisations uploaded to DATA.GOV.HK',
}
T = {True: 'i. 空間數據' if zh else 'i. Spatial Data', False: 'ii. 非空間數據' if zh else 'ii. Non-spatial Data'}
hdr = ['編號','數據種類','數據集名稱','一般說明','目標發放日期(月/年)','更新頻率'] if zh else ['Item No.','Data Category','Dataset Name','General Description','Target Release Date (MM/YYYY)','Update Frequency']
na = '不適用' if zh else 'N/A'
marker = '[新項目]' if zh else '[New Item]'
border = 'border:1px solid #000;' if borders else ''
out = ['<html><head><meta charset="utf-8"><style>body{font-family:"Noto Sans CJK TC","Noto Sans",sans-serif;font-size:8pt} td,th{overflow-wrap:anywhere} table{border-collapse:collapse;width:100%%;table-layout:fixed} td,th{%svertical-align:top;padding:4px;text-align:left} thead{display:table-header-group} tr{page-break-inside:auto}</style></head><body>' % border]
out.append('<p style="text-align:center;font-size:14pt">%s</p>' % html.escape(pub))
out.append('<p style="text-align:center;font-size:14pt">%s</p>' % html.escape(('%s年度整合開放數據計劃（包含空間數據計劃）' % period) if zh else 'Consolidated Open Data Plan for %s (including Spatial Data Plan)' % period))
def table(rows):
    s = ['<table><colgroup><col style="width:7%"><col style="width:13%"><col style="width:19%"><col style="width:37%"><col style="width:12%"><col style="width:12%"></colgroup><thead><tr>' + ''.join('<th>%s</th>' % h for h in hdr) + '</tr></thead><tbody>']
    if not rows:
        s.append('<tr><td colspan="6">%s</td></tr>' % na)
    for r in rows:
        name = html.escape(r['name']) + ('<br>' + marker if r['new_item'] else '')
        desc = '<br>'.join('• ' + html.escape(d) for d in r['description'])
        s.append('<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (r['item_no'], html.escape(r['category']), name, desc, html.escape(r['date_text']), html.escape(r['frequency_text'])))
    s.append('</tbody></table>')
    return ''.join(s)
for sec in 'ABCD':
    out.append('<p><b>%s</b></p>' % H[sec])
    orgs = [None]
    if sec == 'C':
        orgs = []
        for r in recs:
            if r['section'] == 'C' and r['organisation'] not in orgs: orgs.append(r['organisation'])
        if not orgs: orgs = [pub]
    for k, org in enumerate(orgs, 1):
        if org: out.append('<p>(%d) %s</p>' % (k, html.escape(org)))
        for sp in (True, False):
            out.append('<p>%s</p>' % T[sp])
            rows = [r for r in recs if r['section'] == sec and r['spatial'] == sp and (org is None or r['organisation'] == org)]
            out.append(table(rows))
out.append('<p style="text-align:right">%s<br>%s</p>' % (html.escape(pub), ('%s年%d月' % (y, int(m))) if zh else '%s %s' % (['January','February','March','April','May','June','July','August','September','October','November','December'][int(m)-1], y)))
out.append('</body></html>')
open(out_html, 'w').write('\n'.join(out))
