# Parses DS-455-1's data item tables: 「class」 then rows of 取得時期 / 項目名 / 基本共有・特定 / 補足説明.
import os, paths
import re, sys, unicodedata
TXT=os.path.join(paths.IMPL, '455_実装データモデル_防災/455-1_実装データモデル（防災）.txt')
def norm(s):
    s=unicodedata.normalize('NFKC',s).strip()
    for c in ' \u3000_()':
        s=s.replace(c,'')
    return s
def tables():
    lines=open(TXT,encoding='utf-8').read().split('\n')
    out={}
    i=0
    while i<len(lines):
        m=re.fullmatch(r'「(.+)」\s*',lines[i])
        if m and i+4<len(lines) and lines[i+1].strip()=='取得時期':
            name=m.group(1); rows=[]; j=i+5
            while j+2<len(lines) and lines[j].strip() in ('平時整備','災害時取得','－'):
                rows.append((lines[j].strip(),lines[j+1].strip(),lines[j+2].strip(),lines[j+3].strip()))
                j+=4
            out[norm(name)]=(name,rows); i=j
        else: i+=1
    return out
if __name__=='__main__':
    t=tables()
    for k,(n,rows) in t.items(): print(n,len(rows), set(r[2] for r in rows))
