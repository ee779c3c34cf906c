import Narvaro
print("narvarod \(NarvaroVersion.string)")
