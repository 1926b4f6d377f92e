# Writes models/impl/bousai-*.xml from DS-455-1's Mermaid diagrams and data item tables.
import os, paths
import sys, mermaid, bousai_parse
from common import *
D=os.path.join(paths.IMPL, '455_実装データモデル_防災/')
OUT=sys.argv[1]
PD={'地方公共団体コード':('gif:Address','localGovernmentCode','全国地方公共団体コード'),
    '都道府県名':('gif:Address','prefecture','都道府県'),
    '市区町村名':('gif:Address','cityAndCounty','市区町村（郡）')}
NOT_CORE={'所在地（住所）','緯度','経度','施設電話番号'}
MODELS=[  # diagram file, section, diagram class, model id local name, container
 ('21避難所等.md','3.22 避難所等','避難所','EvacuationShelter','避難所等'),
 ('21避難所等.md','3.22 避難所等','避難所開設情報_都道府県別集計','ShelterOpeningByPrefecture','避難所等'),
 ('21避難所等.md','3.22 避難所等','避難場所','EvacuationSite','避難所等'),
 ('21避難所等.md','3.22 避難所等','一時滞在施設','TemporaryStayFacility','避難所等'),
 ('22避難指示等.md','3.23 避難指示等','避難指示等_発令毎','EvacuationOrderIssuance','避難指示等'),
 ('22避難指示等.md','3.23 避難指示等','避難指示等_都道府県別集計','EvacuationOrderByPrefecture','避難指示等'),
 ('22避難指示等.md','3.23 避難指示等','警戒区域_発令毎','RestrictedAreaIssuance','避難指示等'),
 ('02被害.md','3.3 被害','建物被害_市区町村毎','BuildingDamageByMunicipality','被害'),
 ('02被害.md','3.3 被害','建物被害_都道府県別集計','BuildingDamageByPrefecture','被害'),
 ('02被害.md','3.3 被害','人的被害_市区町村毎','HumanDamageByMunicipality','被害'),
 ('02被害.md','3.3 被害','人的被害_都道府県別集計','HumanDamageByPrefecture','被害'),
]
import more_bousai
if len(sys.argv)>2 and sys.argv[2]=='all': MODELS+=more_bousai.MORE
tables=bousai_parse.tables()
summary=[]
for diagram,section,cls,local,container in MODELS:
    classes,links,order=mermaid.parse(D+'mermaid/'+diagram)
    c=classes[cls]; label=c['label'].split(':',1)[1]
    name,rows=tables[bousai_parse.norm(label)]
    byname={bousai_parse.norm(r[1]):r for r in rows}
    fields=[]; recommends=[]; n=0; missing_rows=[]; required=0; notcore=[]
    for prefix,text in c['items']:
        row=byname.get(bousai_parse.norm(text))
        f={}
        if prefix=='pd' and text in PD:
            frm,iid,core=PD[text]
            f.update(id=iid,**{'from':frm},label=text,aliases=[('equivalent',core)])
        else:
            n+=1
            f.update(id=f'item{n:03d}',generated=True,label=text)
            desc=[]
            if prefix=='pd':
                notcore.append(text)
                desc.append(f'pd:{text} in the diagram, but no item of the 2025 core models (models/gif/) by this name: typed text, as the guidebook states no type.')
            if row:
                desc.append(f'{row[0]}、{row[2]}。' + (row[3] if row[3] else ''))
            if text.endswith('期間'):
                # DS-441 4 (日付及び時刻): a period held in one item is written start/end.
                f['type']='period'
                desc.append('A period held in one item: DS-441 4 writes it start/end (2024-01-01/2024-01-31; an end not yet known: ..).')
            f['description']=' '.join(desc).strip()
        if row is None: missing_rows.append(text)
        elif row[2]=='基本共有データ属性':
            f['min']=1; f['blank']=True; required+=1
        elif row[2]=='特定データ属性':
            recommends.append(f['id'])
        fields.append(f)
    labs=[fold(f['label']) for f in fields]
    dups=[l for l in labs if labs.count(l)>1]
    if dups: print('SKIP duplicate labels',local,set(dups)); continue
    pd_taken=[f['label'] for f in fields if f.get('from')]
    periods='、'.join(f['label'] for f in fields if f.get('type')=='period')
    open_points=[
      'the types of the be: items (DS-455-1 states none; they are text here, so a count, a date or a 有無/可否 value is not checked'
      + (f' — but {periods}, a period in one item, which DS-441 4 (日付及び時刻) writes start/end: type period' if periods else '') + ')',
      'their code lists and vocabularies (not published)',
      'English item names (the ids item001… are gifkit\'s own)']
    if missing_rows: open_points.append('whether these diagram items are 基本共有 or 特定 (the guidebook\'s table does not list them): '+'、'.join(missing_rows))
    desc=(f'{label} of the implementation data model 防災 (DS-455-1 実装データモデル（防災）, {section}; class be:{label} of the class diagram '
          f'mermaid/{diagram}, one of the classes the container be:{container} holds once). One row per {label}; the items in the diagram\'s order. '
          f'Required (min 1, empty allowed): the 基本共有データ属性 of the guidebook\'s data item table ("必須の連携データ項目 … 空欄等は許容"); '
          f'recommended: its 特定データ属性. '
          f'pd: items taken from the 2025 core (from=): ' + '、'.join(f'{f["label"]} = gif:Address {f["aliases"][0][1]}' for f in fields if f.get('from')) + '. ')
    if notcore: desc+='pd: items that are no item of the 2025 core models by that name, typed text: '+'、'.join(notcore)+'. '
    desc+='Left open by the source: '+'; '.join(open_points)+'.'
    xml=model_xml(f'bousai-{local}.xml — 防災 {label} (DS-455-1, mermaid/{diagram}) as a gifkit model; written from the diagram and the guidebook\'s table.',
                  f'bousai:{local}',label,desc,fields,recommends)
    open(f'{OUT}/bousai-{local}.xml','w').write(xml)
    summary.append((f'bousai:{local}',label,diagram,len(fields),required,len(recommends),missing_rows,notcore))
for s in summary: print(s)
