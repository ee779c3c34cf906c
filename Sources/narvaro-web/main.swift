// narvaro-web: the browser pages as a CGI program (see NarvaroWeb).
import NarvaroWeb
import Foundation

exit(WebProgram.main(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment))
