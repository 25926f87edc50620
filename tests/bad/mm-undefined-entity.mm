<map version="1.0.1">
<node TEXT="Customers">
<node TEXT="Key&nbsp;accounts" POSITION="left"/>
</node>
</map>
