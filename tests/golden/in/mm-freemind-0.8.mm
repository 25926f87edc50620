<map version="0.8.0">
<!-- To view this file, download free mind mapping software FreeMind from http://freemind.sourceforge.net -->
<node COLOR="#993300" CREATED="1121542090982" MODIFIED="1121542090982" TEXT="&lt;html&gt;&#xa;  &lt;head&gt;&#xa;    &#xa;  &lt;/head&gt;&#xa;  &lt;body width=&quot;&quot;&gt;&#xa;    &lt;p align=&quot;center&quot;&gt;&#xa;      Customer care&lt;br&gt;&lt;small&gt;- an old FreeMind map -&lt;/small&gt;&#xa0;&#xa;    &lt;/p&gt;&#xa;  &lt;/body&gt;&#xa;&lt;/html&gt;&#xa;">
<font BOLD="true" NAME="Dialog" SIZE="18"/>
<node CREATED="1121542090982" LINK="http://freemind.sourceforge.net" MODIFIED="1121542090982" POSITION="left" TEXT="Home page of FreeMind">
<font NAME="SansSerif" SIZE="12"/>
</node>
<node COLOR="#006699" FOLDED="true" ID="Freemind_Link_1091417446" POSITION="left" TEXT="Call list&#xa;Monday     - new leads&#xa;Wednesday  - key accounts">
<node TEXT="&lt;html&gt;&lt;b&gt;Bold&lt;/b&gt; &amp;amp; plain&lt;p&gt;second paragraph&lt;p&gt;third &amp;lt;tag&amp;gt; &amp;eacute;t&amp;eacute;&lt;ul&gt;&lt;li&gt;item one&lt;li&gt;item two&lt;/ul&gt;"/>
</node>
<node POSITION="right" TEXT="&lt;HTML&gt;&lt;meta charset=&quot;ISO-8859-1&quot;&gt;&lt;body&gt;caf&#xe9; &lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt;&lt;!-- comment --&gt;ok&lt;/body&gt;">
<node TEXT="&lt;html&gt;&lt;/html&gt;"/>
<node TEXT="&lt;htmlish text, not HTML?"/>
<node TEXT="Plain text with &lt;b&gt;tags&lt;/b&gt; stays as it is"/>
</node>
</node>
</map>
