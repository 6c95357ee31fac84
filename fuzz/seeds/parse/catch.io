e := try(nil foo); e catch(Exception, e error println)
