# Reads a Mermaid classDiagram: classes (name, label, items as (prefix, text)) and links (from, to, multiplicity, label).
import re
def parse(path):
    classes={}; links=[]; order=[]
    cur=None
    for raw in open(path,encoding='utf-8'):
        line=raw.strip()
        m=re.match(r'class\s+(\S+)\s*\["(.+?)"\]\s*\{',line)
        if m:
            cur=m.group(1); classes[cur]={'label':m.group(2),'items':[]}; order.append(cur); continue
        if line.startswith('}'):
            cur=None; continue
        if cur:
            if not line: continue
            m=re.match(r'(pd|be|ed)\s*:?\s*(.+)$',line)
            assert m, line
            classes[cur]['items'].append((m.group(1),m.group(2).strip()))
            continue
        m=re.match(r'(\S+)\s*-->\s*(?:"([^"]+)"\s*)?(\S+)\s*:\s*(.+)$',line)
        if m: links.append((m.group(1),m.group(3),m.group(2) or '1',m.group(4).strip()))
    return classes,links,order
