<map version="freeplane 1.9.13">
<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->
<node TEXT="客户管理" FOLDED="false" ID="ID_root">
<richcontent TYPE="NOTE" CONTENT-TYPE="xml/">
<html>
  <head>

  </head>
  <body>
    <p>
      &#36825;&#24352;&#23548;&#22270;&#29992;&#20110;&#26803;&#29702;&#23458;&#25143;&#31649;&#29702;&#30340;&#20027;&#35201;&#29615;&#33410;&#12290;
    </p>
    <p>
      维护一个老客户的成本远低于开发一个新客户。
    </p>
  </body>
</html>
</richcontent>
<node TEXT="&#x7ba1;&#x7406;&#x76ee;&#x6807;" POSITION="right" ID="ID_goals" LINK="https://zh.wikipedia.org/wiki/%E5%AE%A2%E6%88%B7%E5%85%B3%E7%B3%BB%E7%AE%A1%E7%90%86">
<node TEXT="提升销售额" ID="ID_sales" FOLDED="true">
<icon BUILTIN="full-1"/>
<node TEXT="促进重复购买"/>
<node TEXT="交叉销售"/>
</node>
<node TEXT="精准投放营销&#xa;（第二行）" ID="ID_mkt">
<arrowlink DESTINATION="ID_lost"/>
</node>
</node>
<node TEXT="客户类型" POSITION="left" ID="ID_types" COLOR="#006699">
<attribute NAME="负责人" VALUE="销售部"/>
<attribute NAME="复核周期" VALUE="每季度"/>
<node TEXT="潜在客户"/>
<node TEXT="重点客户">
<icon BUILTIN="yes"/>
</node>
<node TEXT="流失客户" ID="ID_lost">
<richcontent TYPE="NOTE" CONTENT-TYPE="xml/">
<html>
  <head>

  </head>
  <body>
    <p>
      对停止采购的客户，要主动打电话了解原因：<br/>是价格、质量还是服务跟不上？
    </p>
  </body>
</html>
</richcontent>
</node>
</node>
</node>
</map>
