import Narvaro
print("narvaro \(NarvaroVersion.string)")
