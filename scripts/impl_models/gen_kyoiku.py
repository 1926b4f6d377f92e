# Writes models/impl/kyoiku-*.xml from DS-454-1's Mermaid diagrams and data item tables.
import os, paths
import re, sys, mermaid
from common import *
D=os.path.join(paths.IMPL, '454_実装データモデル_教育/')
OUT=sys.argv[1]
TXT=open(D+'454-1_実装データモデル（教育）.txt',encoding='utf-8').read().split('\n')
# 項番 → 項目説明 from the guidebook's tables (rows: number, name, description).
DESC={}
for i,l in enumerate(TXT):
    if re.fullmatch(r'\d+(\.\d+)+',l.strip()) and i+2<len(TXT):
        d=TXT[i+2].strip().replace('\u3000',' ').strip()
        if d and not re.fullmatch(r'\d+(\.\d+)+',d) and not d.startswith('「'): DESC[l.strip()]=d
PERSON={'氏名':'fullName','氏名_カナ':'fullNameKana','氏':'familyName','名':'givenName','氏_カナ':'familyNameKana',
        '名_カナ':'givenNameKana','氏_英字':'familyNameEn','名_英字':'givenNameEn','性別':'sex','生年月日':'dateOfBirth','国籍':'nationality'}
ADDRESS={'全国地方公共団体コード':'localGovernmentCode','連結表記':'fullAddress','都道府県':'prefecture','市区町村_郡':'cityAndCounty',
         '町字':'streetAddress','番地以下':'cityBlock','建物名等_方書':'buildingNameEtc','郵便番号':'postalCode','町字ID':'streetAddressId'}
CONTACT={'連絡先電話番号':'contactPointPhoneNumber','連絡先メールアドレス':'contactPointEmailAddress'}
LEGAL={'法人番号':'legalEntityNumber','商号または名称_カナ':'tradeNameKana','商号または名称':'tradeName','WebサイトURL':'webSiteUrl'}
CORE_LABEL={}
import xml.etree.ElementTree as ET
for model,table in (('Person',PERSON),('Address',ADDRESS),('ContactPoint',CONTACT),('LegalEntity',LEGAL)):
    root=ET.parse(os.path.join(paths.MODELS, 'gif', f'{model}.xml')).getroot()
    for f in root.findall('{urn:gifkit:model:1}field'): CORE_LABEL[(f'gif:{model}',f.get('id'))]=f.get('label')
def pd_target(name):
    for model,table in (('gif:Person',PERSON),('gif:Address',ADDRESS),('gif:ContactPoint',CONTACT),('gif:LegalEntity',LEGAL)):
        if name in table: return model,table[name]
    return None
def number_of(text): 
    num,name=text.split(' ',1) if ' ' in text else (text,text)
    return num.strip(), name.strip()
def class_number(label): return number_of(label.split(':',1)[1].strip().replace('\t',' '))[0]

def walk(classes, links, root, include_many, skip):
    """Leaf items of root and the classes it holds (1, or 0..n when in include_many), depth first in item order."""
    bynum={class_number(c['label']):name for name,c in classes.items()}
    mult={(a,b):m for a,b,m,_ in links}
    out=[]
    def visit(name):
        for prefix,text in classes[name]['items']:
            num,label=number_of(text)
            child=bynum.get(num)
            if child and child!=name:
                if child in skip: continue
                if mult.get((name,child),'1')!='1' and child not in include_many: continue
                visit(child); continue
            out.append((prefix,num,label,name))
    visit(root)
    return out

def fields_for(items, classes, section_of):
    global FIELDS_NOW
    fields=[]; notcore=[]; many=set()
    FIELDS_NOW=fields
    for prefix,num,label,cls in items:
        f={'label':label,'num':num,'cls':classes[cls]['label'].split(':',1)[1].strip().split(' ',1)[-1].strip()}
        target=pd_target(label) if prefix=='pd' else None
        if target:
            f.update(id=target[1],**{'from':target[0]})
            core=CORE_LABEL[target]
            if fold(core)!=fold(label): f['aliases']=[('equivalent',core)]
            f['core_label']=core
            if num in DESC: f['description']=DESC[num]
        else:
            f.update(id=prefix+num.replace('.','_'),generated=True)
            d=[]
            if prefix=='pd':
                notcore.append(label)
                d.append(f'pd:{label} in the diagram, but no item of the 2025 core models (models/gif/) by this name: typed text.')
            if num in DESC: d.append(DESC[num])
            if d: f['description']=' '.join(d)
        fields.append(f)
    dedupe_labels(fields, lambda f: f['cls'])
    for f in fields:
        if f.get('notes'): f['description']=(f.get('description','')+' '+'; '.join(f['notes'])).strip()
    return fields, notcore

def write(local,label,comment,desc,fields):
    for f in fields: f.pop('core_label',None)
    open(f'{OUT}/kyoiku-{local}.xml','w').write(model_xml(comment,f'kyoiku:{local}',label,desc,fields))
    print(local,len(fields))

OPEN=('Left open by the source: the ed: items\' types, lengths and code values (DS-454-1 2.2: "物理項目名、型、桁数、値の例、コード体系等" are those of '
      '教育データ標準 5.0 and not restated — all ed: items are text here, their dates, codes and counts unchecked); which items are required '
      '(the guidebook marks none, so none is); English item names (the ids ed1_1_1… are gifkit\'s own, from the 項番)')
def desc_for(label,section,diagram,root,held,excluded,notcore,extra=''):
    s=(f'{label} of the implementation data model 教育 (DS-454-1 実装データモデル（教育）, {section}; class diagram mermaid/{diagram}). '
       f'One row holds the items of ed:{root} and of the classes it holds once ({held}), in the diagram\'s order; ')
    s+=f'not in this row: {excluded}. '
    used=sorted({x['from'] for x in FIELDS_NOW if x.get('from')})
    if used: s+=('pd: items take the 2025 core\'s item (from=: '+', '.join(used)+'), labelled as the diagram writes them, the core\'s label accepted too. ')
    if notcore: s+='pd: items that are no item of the 2025 core models by that name (the 2025 XSD defines middleName but no class holds it), typed text: '+'、'.join(dict.fromkeys(notcore))+'. '
    s+=extra+OPEN+'.'
    return s

# 児童生徒 (01) and its 家族情報 (0..n).
classes,links,_=mermaid.parse(D+'mermaid/01主体情報_児童生徒.md')
items=walk(classes,links,'児童生徒',{'連絡先情報_連絡先'},{'家族情報'})
f,nc=fields_for(items,classes,None)
write('Student','児童生徒','kyoiku-Student.xml — 教育 児童生徒 (DS-454-1 3.1, mermaid/01主体情報_児童生徒.md) as a gifkit model.',
      desc_for('児童生徒','3.1 児童生徒','01主体情報_児童生徒.md','1 児童生徒','基本情報, 名前, 連絡先, 居住住所, 属性情報, 入学・転入・転学・卒業等 and its five classes, 学籍情報, 原級留置に関する事項, 督促情報 … 障害情報; 連絡先情報 (0..n in the diagram) once',
               'ed:1.14 家族情報 (0..n; the model kyoiku:StudentFamily — the diagram gives a family row no item linking it to its 児童生徒)',nc),f)
items=walk(classes,links,'家族情報',{'連絡先情報_家族情報'},set())
f,nc=fields_for(items,classes,None)
write('StudentFamily','家族情報','kyoiku-StudentFamily.xml — 教育 児童生徒の家族情報 (DS-454-1 3.1, 1.14; mermaid/01主体情報_児童生徒.md) as a gifkit model.',
      desc_for('家族情報 (1.14, 0..n per 児童生徒)','3.1 児童生徒','01主体情報_児童生徒.md','1.14 家族情報','家族名前, 家族属性情報, 家族連絡先, 居住住所; 連絡先情報 (0..n) once',
               'no item naming the 児童生徒 the row belongs to (the diagram has none)',nc),f)

# 学校 (02): 所在地 holds the school's and the branch school's address; as two parts of one address model.
classes,links,_=mermaid.parse(D+'mermaid/02主体情報_学校.md')
loc=[i for i in walk(classes,links,'所在地',set(),set()) if not i[2].startswith('分校_')]
f,nc_loc=fields_for(loc,classes,None)
write('SchoolAddress','所在地','kyoiku-SchoolAddress.xml — 教育 学校の所在地 (DS-454-1 3.2, 2.24; mermaid/02主体情報_学校.md): the items 2.24.1–2.24.10, held twice by kyoiku:School.',
      desc_for('所在地 (2.24)','3.2 学校','02主体情報_学校.md','2.24 所在地','—','its 分校_ items 2.24.11–2.24.20, the same items of the branch school: kyoiku:School holds this model twice (所在地, and 分校 with the prefix 分校_)',nc_loc),f)
items=walk(classes,links,'学校情報',{'連絡先情報'},{'所在地'})
f,nc=fields_for(items,classes,None)
parts=[('location','所在地',True,[]),('branchLocation','分校',False,['分校_'])]
desc=desc_for('学校情報','3.2 学校','02主体情報_学校.md','2 学校情報','所在地 (as two parts of kyoiku:SchoolAddress: 所在地, bare or prefixed; 分校, prefixed 分校_ as the diagram writes 分校_都道府県 …), 連絡先情報 (0..n) once, 設置者情報, 学級数, 入学定員数',
              'ed:2.29 学科別情報, ed:2.30 学年情報 and its 学級情報 (0..n each; a row of them would need the 学校コード the diagram does not give them)',nc,
              'ed:2.26.1 法人番号 is an ed: item of unstated type: text, its check digit unchecked. ')
for x in f: x.pop('core_label',None)
xml=model_xml('kyoiku-School.xml — 教育 学校 (DS-454-1 3.2, mermaid/02主体情報_学校.md) as a gifkit model.','kyoiku:School','学校情報',desc,[],())
body=''.join(field_xml(x) for x in f[:23])
body+='  <part id="location" ref="kyoiku:SchoolAddress" label="所在地" prefix-optional="true"/>\n'
body+='  <part id="branchLocation" ref="kyoiku:SchoolAddress" label="分校">\n    <prefix>分校_</prefix>\n  </part>\n'
body+=''.join(field_xml(x) for x in f[23:])
xml=xml.replace('</model>\n',body+'</model>\n')
open(f'{OUT}/kyoiku-School.xml','w').write(xml); print('School',len(f))
assert f[22]['label']=='備考', f[22]

# 教職員 (03).
classes,links,_=mermaid.parse(D+'mermaid/03主体情報_教職員.md')
items=walk(classes,links,'教員情報',{'連絡先情報'},set())
f,nc=fields_for(items,classes,None)
write('Teacher','教員情報','kyoiku-Teacher.xml — 教育 教職員 (DS-454-1 3.3, mermaid/03主体情報_教職員.md) as a gifkit model.',
      desc_for('教員情報','3.3 教職員','03主体情報_教職員.md','3 教員情報','基本情報, 教員名前, 属性情報, 教員連絡先, 教員住所, 連絡先情報 (0..n) once, 配属情報',
               'ed:3.4.10 役割, ed:3.5 教員免許, ed:3.6 教科学科 (0..n each, with no item naming their 教員)',nc),f)

# The smaller diagrams: one row of the root class and the classes it holds (0..n ones once).
MORE=[('04主体情報_学校設置者(国立私立).md','3.4 学校設置者（国立・私立）','学校設置者情報','SchoolFounder',{'連絡先情報'}),
      ('05主体情報_学校設置者(公立).md','3.5 学校設置者（公立）','教育委員会情報','BoardOfEducation',{'連絡先情報'}),
      ('06内容情報_教科情報.md','4.1 教科情報','教科情報','Subject',set()),
      ('07内容情報_教科書情報.md','4.2 教科書情報','教科書情報','Textbook',set()),
      ('08内容情報_通知情報.md','4.3 通知情報','通知情報','Notification',set()),
      ('12活動情報_在籍証明情報.md','5.4 在籍証明情報','在籍証明情報','EnrollmentCertificate',set()),
      ('13活動情報_災害給付制度加入情報.md','5.5 災害給付制度加入情報','災害給付制度加入情報','DisasterBenefitEnrollment',set()),
      ('14活動情報_出欠情報.md','5.6 出欠情報','出欠情報','Attendance',{'出欠'})]
for diagram,section,root,local,many in MORE:
    classes,links,_=mermaid.parse(D+'mermaid/'+diagram)
    items=walk(classes,links,root,many,set())
    f,nc=fields_for(items,classes,None)
    label=classes[root]['label'].split(':',1)[1].strip().split(' ',1)[-1].strip()
    held=', '.join(classes[b]['label'].split(':',1)[1].strip().split(' ',1)[-1]+(' ('+m+') once' if m!='1' else '') for a,b,m,_ in links) or 'none'
    write(local,label,f'kyoiku-{local}.xml — 教育 {label} (DS-454-1 {section}, mermaid/{diagram}) as a gifkit model.',
          desc_for(label,section,diagram,class_number(classes[root]['label'])+' '+label,held,'nothing',nc),f)
