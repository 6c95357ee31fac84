a:=1; foo:bar; x.y.z; a:b:c := 2
