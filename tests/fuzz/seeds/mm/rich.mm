<map version="1.0.1"><node ID="a"><richcontent TYPE="NODE"><html><head><style>x</style></head><body><p>a<br/>b</p><p></p><ol><li>x<ul><li>y</li></ul></li></ol><table><tr><td>c</td><td>d</td></tr></table><pre>p  q
r</pre></body></html></richcontent><richcontent TYPE="NOTE"><html><body><p>n&#160;1</p><div><p>n2<br/><br/></p></div></body></html></richcontent><richcontent TYPE="DETAILS" CONTENT-TYPE="plain/markdown"><text>m
d

e</text></richcontent><node TEXT="b" ID="b" POSITION="left" FOLDED="true" COLOR="#00ff00" LINK="#a"><arrowlink DESTINATION="a"/><icon BUILTIN="yes"/><attribute NAME="k" VALUE="v"/></node></node></map>
