# gyosei_parse.py — reads DS-451-8 (調達)'s data item tables: the rows (データ項目名, 英語表記, 説明, 備考) of each notice section.
import os, paths
import re
TXT=os.path.join(paths.IMPL, '451_実装データモデル_行政/451-8_実装データモデル_調達.txt')
L=open(TXT,encoding='utf-8').read().split('\n')
SECTIONS=[('公告管理情報',98,171),('入札公告',171,443),('調達予定の公告',443,485),('落札公告',485,638),('訂正公告',638,685),('関連参加資格等の公告',685,738)]
def rows(start,end):
    out=[]
    for k in range(start+1,end):
        if re.fullmatch(r'[A-Za-z][A-Za-z0-9_]*',L[k].strip()) and L[k].strip() not in ('url',):
            out.append(dict(label=L[k-1].strip(),id=L[k].strip(),desc=L[k+1].strip().replace('\u3000',''),note=L[k+2].strip().replace('\u3000',''),line=k+1))
    return out
if __name__=='__main__':
    for name,a,b in SECTIONS:
        r=rows(a,b); print(name,len(r))
        for x in r: print('   ',x['id'],x['label'],'|',x['desc'],'|',x['note'])
