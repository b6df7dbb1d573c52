// Finds a JDK 21 or newer for the Payara Micro 7 tests (it-tests), and hands it to the build as the
// user property java21plus.home. Run once, by the root project, in the build's first seconds.

def user = session.userProperties
def home = System.getProperty('user.home')
if (user.getProperty('java21plus.checked') == 'true') {
    return // the root project found it already
}
user.setProperty('java21plus.checked', 'true')

int versionOf(File jdk) {
    File release = new File(jdk, 'release')
    if (!release.isFile() || !new File(jdk, 'bin/java').canExecute()) {
        return 0
    }
    String line = release.readLines().find { it.startsWith('JAVA_VERSION=') }
    if (line == null) {
        return 0
    }
    String version = line.substring('JAVA_VERSION='.length()).replace('"', '')
    String[] parts = version.split('[.+_-]')
    return parts[0] == '1' ? parts[1] as int : parts[0] as int
}

String given = user.getProperty('java21plus.home')
if (given) {
    int version = versionOf(new File(given))
    if (version < 21) {
        throw new IllegalStateException("-Djava21plus.home=${given} is not a JDK 21 or newer"
                + (version == 0 ? ' (no bin/java and release file there)' : " (it is Java ${version})")
                + ': Payara Micro 7 needs one. Point it at a JDK 21+ folder, the one with bin/java in it.')
    }
    log.info("Payara Micro 7 runs on ${given} (Java ${version}), as -Djava21plus.home says")
    return
}

List<File> candidates = [new File(System.getProperty('java.home'))]
System.getenv().findAll { name, value -> name ==~ /JAVA_HOME_\d+(_\w+)?/ }
        .sort { -((it.key =~ /\d+/)[0] as int) }
        .each { candidates << new File(it.value) }
File toolchains = new File(home, '.m2/toolchains.xml')
if (toolchains.isFile()) {
    new groovy.xml.XmlSlurper().parse(toolchains).toolchain.findAll { it.type.text() == 'jdk' }
            .each { candidates << new File(it.configuration.jdkHome.text()) }
}
['/usr/lib/jvm', '/usr/java', '/opt/java', '/Library/Java/JavaVirtualMachines', "${home}/.sdkman/candidates/java",
        "${home}/.jdks"].each { folder ->
    File[] jdks = new File(folder).listFiles()
    if (jdks != null) {
        jdks.sort { it.name }.reverse().each { candidates << it; candidates << new File(it, 'Contents/Home') }
    }
}

File found = candidates.find { versionOf(it) >= 21 }
if (found != null) {
    user.setProperty('java21plus.home', found.canonicalPath)
    log.info("Payara Micro 7 runs on ${found.canonicalPath} (Java ${versionOf(found)})")
    return
}

boolean testsRun = session.goals.any { it in ['integration-test', 'verify', 'install', 'deploy'] || it.contains('failsafe') }
boolean payara7Runs = testsRun && !Boolean.parseBoolean(user.getProperty('skipTests', 'false'))
        && !Boolean.parseBoolean(user.getProperty('skipITs', 'false'))
        && !Boolean.parseBoolean(user.getProperty('skip.payara7', 'false'))
        && user.getProperty('server', 'payara7') == 'payara7'
if (payara7Runs) {
    throw new IllegalStateException('Payara Micro 7 needs a JDK 21 or newer, and none was found: not the JDK running'
            + " Maven (Java ${System.getProperty('java.version')}), nor in JAVA_HOME_21-style variables,"
            + ' ~/.m2/toolchains.xml, /usr/lib/jvm, /Library/Java/JavaVirtualMachines or SDKMAN\'s folder.'
            + ' Install one and give it with -Djava21plus.home=/path/to/jdk, or leave Payara Micro 7 out with'
            + ' -Dskip.payara7=true.')
}
// The Payara 7 tests do not run: any JDK will do for the property.
user.setProperty('java21plus.home', System.getProperty('java.home'))
