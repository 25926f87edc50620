<map version="1.0.1">
<node TEXT="Customers" ID="ID_1">
<node TEXT="Profiling" POSITION="right">
<node TEXT="Statistics"/>
</nod>
</node>
</map>
