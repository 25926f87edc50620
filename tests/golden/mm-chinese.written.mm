<map version="freeplane 1.9.13">
<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->
<node TEXT="&#x5ba2;&#x6237;&#x7ba1;&#x7406;" ID="ID_root">
<richcontent TYPE="NOTE">
<html>
  <head>

  </head>
  <body>
    <p>
      &#x8fd9;&#x5f20;&#x5bfc;&#x56fe;&#x7528;&#x4e8e;&#x68b3;&#x7406;&#x5ba2;&#x6237;&#x7ba1;&#x7406;&#x7684;&#x4e3b;&#x8981;&#x73af;&#x8282;&#x3002;
    </p>
    <p>
      &#x7ef4;&#x62a4;&#x4e00;&#x4e2a;&#x8001;&#x5ba2;&#x6237;&#x7684;&#x6210;&#x672c;&#x8fdc;&#x4f4e;&#x4e8e;&#x5f00;&#x53d1;&#x4e00;&#x4e2a;&#x65b0;&#x5ba2;&#x6237;&#x3002;
    </p>
  </body>
</html>
</richcontent>
<node TEXT="&#x7ba1;&#x7406;&#x76ee;&#x6807;" ID="ID_goals" POSITION="right" LINK="https://zh.wikipedia.org/wiki/%E5%AE%A2%E6%88%B7%E5%85%B3%E7%B3%BB%E7%AE%A1%E7%90%86">
<node TEXT="&#x63d0;&#x5347;&#x9500;&#x552e;&#x989d;" ID="ID_sales" FOLDED="true">
<icon BUILTIN="full-1"/>
<node TEXT="&#x4fc3;&#x8fdb;&#x91cd;&#x590d;&#x8d2d;&#x4e70;" ID="t3"/>
<node TEXT="&#x4ea4;&#x53c9;&#x9500;&#x552e;" ID="t4"/>
</node>
<node ID="ID_mkt">
<richcontent TYPE="NODE">
<html>
  <head>

  </head>
  <body>
    <p>
      &#x7cbe;&#x51c6;&#x6295;&#x653e;&#x8425;&#x9500;<br/>&#xff08;&#x7b2c;&#x4e8c;&#x884c;&#xff09;
    </p>
  </body>
</html>
</richcontent>
<arrowlink DESTINATION="ID_lost"/>
</node>
</node>
<node TEXT="&#x5ba2;&#x6237;&#x7c7b;&#x578b;" ID="ID_types" POSITION="left" COLOR="#006699">
<attribute NAME="&#x8d1f;&#x8d23;&#x4eba;" VALUE="&#x9500;&#x552e;&#x90e8;"/>
<attribute NAME="&#x590d;&#x6838;&#x5468;&#x671f;" VALUE="&#x6bcf;&#x5b63;&#x5ea6;"/>
<node TEXT="&#x6f5c;&#x5728;&#x5ba2;&#x6237;" ID="t7"/>
<node TEXT="&#x91cd;&#x70b9;&#x5ba2;&#x6237;" ID="t8">
<icon BUILTIN="yes"/>
</node>
<node TEXT="&#x6d41;&#x5931;&#x5ba2;&#x6237;" ID="ID_lost">
<richcontent TYPE="NOTE">
<html>
  <head>

  </head>
  <body>
    <p>
      &#x5bf9;&#x505c;&#x6b62;&#x91c7;&#x8d2d;&#x7684;&#x5ba2;&#x6237;&#xff0c;&#x8981;&#x4e3b;&#x52a8;&#x6253;&#x7535;&#x8bdd;&#x4e86;&#x89e3;&#x539f;&#x56e0;&#xff1a;
    </p>
    <p>
      &#x662f;&#x4ef7;&#x683c;&#x3001;&#x8d28;&#x91cf;&#x8fd8;&#x662f;&#x670d;&#x52a1;&#x8ddf;&#x4e0d;&#x4e0a;&#xff1f;
    </p>
  </body>
</html>
</richcontent>
</node>
</node>
</node>
</map>
