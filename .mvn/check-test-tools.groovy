// Checks, in the build's first seconds, that this machine has the programs the tests start: Debian's
// chromium and chromium-driver (the browser tests), Node.js 20 or newer (the browser client's unit
// tests, the rolling-restart test) and redis-server (the cluster tests). Without them the build
// would fail minutes later, one module at a time; this names every missing one and the command that
// installs them. Skipped when the tests are (-DskipTests, -Dmaven.test.skip). Run by the root project.

def user = session.userProperties
def skipped = { String name -> ['', 'true'].contains(user.getProperty(name) ?: System.getProperty(name) ?: 'false') }
if (skipped('skipTests') || skipped('maven.test.skip') || user.getProperty('channels.tools.checked') == 'true') {
    return
}
user.setProperty('channels.tools.checked', 'true')

File onPath(String program) {
    return System.getenv('PATH').split(File.pathSeparator)
            .collect { new File(it, program) }
            .find { it.canExecute() }
}

int nodeMajor(File node) {
    try {
        Process version = new ProcessBuilder(node.path, '--version').redirectErrorStream(true).start()
        String text = version.inputStream.text.trim()
        version.waitFor()
        def match = text =~ /^v(\d+)\./
        return match.find() ? match.group(1) as int : 0
    } catch (IOException e) {
        return 0
    }
}

List<String> packages = []
List<String> reasons = []
if (!new File('/usr/bin/chromium').canExecute()) {
    packages << 'chromium'
    reasons << '/usr/bin/chromium (the browser tests)'
}
if (!new File('/usr/bin/chromedriver').canExecute()) {
    packages << 'chromium-driver'
    reasons << '/usr/bin/chromedriver (the browser tests)'
}
if (!new File('/usr/bin/redis-server').canExecute()) {
    packages << 'redis-server'
    reasons << '/usr/bin/redis-server (the cluster tests)'
}
File node = onPath('node')
int major = node == null ? 0 : nodeMajor(node)
String nodeAdvice = ''
if (node == null) {
    packages << 'nodejs'
    reasons << 'node on the PATH (the browser client\'s unit tests, the rolling-restart test)'
} else if (major < 20) {
    reasons << "Node.js 20 or newer, for its WebSocket client (${node} is ${major ?: 'of unknown version'})"
    nodeAdvice = '; Debian 12\'s nodejs is 18: take Node.js 20 or newer from NodeSource or nodejs.org'
}
if (!reasons.isEmpty()) {
    String install = packages.isEmpty() ? '' : '. Install them with: sudo apt-get install -y ' +
            packages.join(' ') + ' (or run bash .ci/run, which does it and then this build)'
    throw new IllegalStateException('The tests need programs this machine lacks: ' + reasons.join(', ') +
            install + nodeAdvice + '; or build without the tests: -DskipTests')
}
log.info("The tests' programs are here: chromium, chromedriver, redis-server, node ${major}")
