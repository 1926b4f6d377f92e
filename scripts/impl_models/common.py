# common.py — the XML writers of the implementation-model generator (write_models.py): a field, a model, labels made unique.
import unicodedata
from xml.sax.saxutils import escape, quoteattr
def fold(s):
    s=unicodedata.normalize('NFKC',s)
    return ''.join(s.split()).lower()
def field_xml(f):
    a=[('id',f['id'])]
    if f.get('generated'): a.append(('id-generated','true'))
    if f.get('from'): a.append(('from',f['from']))
    if f.get('from_item'): a.append(('from-item',f['from_item']))
    if f.get('label'): a.append(('label',f['label']))
    if f.get('type'): a.append(('type',f['type']))
    if f.get('min'): a.append(('min',str(f['min'])))
    if f.get('max'): a.append(('max',str(f['max'])))
    if f.get('blank'): a.append(('blank','allowed'))
    attrs=' '.join(f'{k}={quoteattr(v)}' for k,v in a)
    body=''
    if f.get('description'): body+=f'    <description>{escape(f["description"])}</description>\n'
    for kind,text in f.get('aliases',[]): body+=f'    <alias kind="{kind}">{escape(text)}</alias>\n'
    if body: return f'  <field {attrs}>\n{body}  </field>\n'
    return f'  <field {attrs}/>\n'
def model_xml(comment, mid, label, description, fields, recommends=(), extends=None):
    out='<?xml version="1.0" encoding="UTF-8"?>\n'
    out+=f'<!-- {comment} -->\n'
    ext=f' extends="{extends}"' if extends else ''
    out+=f'<model xmlns="urn:gifkit:model:1" id="{mid}" label={quoteattr(label)}{ext} auto-pick="false">\n'
    out+=f'  <description>{escape(description)}</description>\n'
    for r in recommends: out+=f'  <recommend ref="{r}"/>\n'
    for f in fields: out+=field_xml(f)
    out+='</model>\n'
    return out
def dedupe_labels(fields, qualifier):
    """A label already used in the model gets the guidebook's connector '__' and the class it belongs to."""
    seen=set()
    for f in fields:
        lab=f.get('label') or f['core_label']
        accepted={fold(lab)}
        if fold(lab) in seen:
            f['label']=lab+'__'+qualifier(f)
            f.setdefault('notes',[]).append(f'labelled {f["label"]}: the diagram names another item of this row {lab}')
        seen.add(fold(f.get('label') or f['core_label']))
    return fields
