# Writes models/impl/gyosei-*.xml from DS-451-8 (調達) and DS-451-5 (イベント).
import os, paths
import sys, gyosei_parse as g
from common import *
OUT=sys.argv[1]
OPEN=('Left open by the source: which items are required (the guidebook marks none, so none is), the types of the items whose '
      '説明 states no form (text here: 数量, 予定価格, 開札日 … unchecked), the code lists of 公示種別, カテゴリー, 入札方法 … (not published), '
      'and what the 備考 "物品・役務の調達時のみ使用" / "建設工事の時のみ記入" makes of an item per category (not checked)')
def to_field(r):
    f=dict(id=r['id'],label=r['label'])
    d=r['desc']+(' （'+r['note']+'）' if r['note'] else '')
    if 'YYYY-MM-DD' in r['desc']: f['type']='date'
    if r['id']=='JCN':
        f.update(**{'from':'gif:LegalEntity'},from_item='legalEntityNumber')
        d+=' The 説明 says 法人番号: the item is gif:LegalEntity\'s 法人番号 (from=, its check digit checked).'
    f['description']=d
    return f
name,a,b=g.SECTIONS[0]
base=[to_field(r) for r in g.rows(a,b)]
base_ids={f['id'] for f in base}
desc=('公告管理情報 of the implementation data model 行政 調達 (DS-451-8 実装データモデル（行政）調達, 3.1): the items every procurement notice '
      'starts with (the 公告目的別 models gyosei:ProcurementTenderNotice … extend it). Item ids are the guidebook\'s 英語表記, labels its '
      'データ項目名; 公示日 is a date (its 説明 says YYYY-MM-DD). '+OPEN+'.')
open(f'{OUT}/gyosei-ProcurementNotice.xml','w').write(model_xml(
    'gyosei-ProcurementNotice.xml — 行政 調達: 公告管理情報 (DS-451-8 3.1) as a gifkit model, from the guidebook\'s table.',
    'gyosei:ProcurementNotice','公告管理情報',desc,base))
print('ProcurementNotice',len(base))
LOCAL={'入札公告':('ProcurementTenderNotice','3.2'),'調達予定の公告':('ProcurementPlanNotice','3.3'),'落札公告':('ProcurementAwardNotice','3.4'),
       '訂正公告':('ProcurementCorrectionNotice','3.5'),'関連参加資格等の公告':('ProcurementQualificationNotice','3.6')}
for name,a,b in g.SECTIONS[1:]:
    local,sec=LOCAL[name]
    rows=[r for r in g.rows(a,b) if r['id'] not in base_ids]
    fields=[to_field(r) for r in rows]
    labs=[fold(f['label']) for f in fields]+[fold(f['label']) for f in base]
    assert len(labs)==len(set(labs)), name
    extra=''
    if name=='落札公告': extra='The 落札公告 table restates the 公告管理情報 items first; they come from gyosei:ProcurementNotice. 落札者法人番号 (JCN) is gif:LegalEntity\'s 法人番号. '
    desc=(f'{name} of the implementation data model 行政 調達 (DS-451-8, {sec}): gyosei:ProcurementNotice (公告管理情報) and the items the guidebook adds for a {name} '
          f'(調達内容 and the 公告目的別 items), in its order. Item ids are the guidebook\'s 英語表記, labels its データ項目名. '+extra+OPEN+'.')
    open(f'{OUT}/gyosei-{local}.xml','w').write(model_xml(
        f'gyosei-{local}.xml — 行政 調達: {name} (DS-451-8 {sec}) as a gifkit model, from the guidebook\'s table.',
        f'gyosei:{local}',name,desc,fields,extends='gyosei:ProcurementNotice'))
    print(local,len(fields))
desc=('イベント of the implementation data model 行政 (DS-451-5 実装データモデル（行政）イベント, 3): "項目定義はコアデータモデルのイベントと同一" — the items '
      'are those of the 2025 core\'s イベント, so this model is gif:Event unchanged (extends). Left open by the source: the class diagram (図5, '
      '451-5-1_イベントデータモデル_クラス図.pdf) is not in the text; the 会議 (表1), 災害時支援活動 (表3) and 体験イベント (表4) tables are examples of '
      'customisation, named items without English names or types, not models of the guidebook; they are not modelled here.')
open(f'{OUT}/gyosei-Event.xml','w').write(model_xml(
    'gyosei-Event.xml — 行政 イベント (DS-451-5) as a gifkit model: the core イベント, as the guidebook says.',
    'gyosei:Event','イベント',desc,[],extends='gif:Event'))

# イベント without extends (a model that extends a class reads as one of its required patterns):
# every own item of gif:Event taken with from=, its cardinality and key restated; its parts as they are.
import xml.etree.ElementTree as ET
NS='{urn:gifkit:model:1}'
core=ET.parse(os.path.join(paths.MODELS, 'gif', 'Event.xml')).getroot()
body=''
for el in core:
    if el.tag==NS+'field':
        a=f'  <field id="{el.get("id")}" from="gif:Event"'
        for k in ('min','max','key'):
            if el.get(k): a+=f' {k}="{el.get(k)}"'
        body+=a+'/>\n'
    elif el.tag==NS+'part':
        a=f'  <part id="{el.get("id")}" ref="{el.get("ref")}" label={quoteattr(el.get("label"))}'
        for k in ('min','max','prefix-optional','city-block-form'):
            if el.get(k): a+=f' {k}="{el.get(k)}"'
        inner=''
        for c in el:
            if c.tag==NS+'description': inner+=f'    <description>{escape(c.text)}</description>\n'
            elif c.tag==NS+'prefix': inner+=f'    <prefix>{escape(c.text)}</prefix>\n'
            elif c.tag==NS+'alias': inner+=f'    <alias field="{c.get("field")}" kind="{c.get("kind")}">{escape(c.text)}</alias>\n'
        body+=a+(f'>\n{inner}  </part>\n' if inner else '/>\n')
    elif el.tag in (NS+'alternative',NS+'registry-check',NS+'require',NS+'omit',NS+'recommend'):
        raise SystemExit('gif:Event has '+el.tag+': copy it too')
desc=('イベント of the implementation data model 行政 (DS-451-5 実装データモデル（行政）イベント, 3): "項目定義はコアデータモデルのイベントと同一" — the items '
      'are those of the 2025 core\'s イベント: every own item of gif:Event taken with from= (its cardinality and key restated), its parts '
      'held as gif:Event holds them. Left open by the source: the class diagram (図5, 451-5-1_イベントデータモデル_クラス図.pdf) is not in the text; '
      'the 会議 (表1), 災害時支援活動 (表3) and 体験イベント (表4) tables are examples of customisation — named items without English names or '
      'types, not models of the guidebook — and are not modelled here.')
xml=model_xml('gyosei-Event.xml — 行政 イベント (DS-451-5) as a gifkit model: the items of the core イベント, as the guidebook says.',
              'gyosei:Event','イベント',desc,[])
open(f'{OUT}/gyosei-Event.xml','w').write(xml.replace('</model>\n',body+'</model>\n'))
print('Event', body.count('<field'), body.count('<part'))
