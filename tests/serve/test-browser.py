#!/usr/bin/env python3
"""test-browser.py — suite "serve": the team page in headless Chromium (TAP).

Plays the example pack to T+3h into a temporary .odan file, starts
`odan-cli serve` on it (a free port on 127.0.0.1), invites the power team
with `odan-cli invite`, and drives the page in headless Chromium through
chromium-driver and python3-selenium (Debian's packages):

  - a wrong code is refused; the invitation signs in;
  - the inbox shows exactly the team's deliveries (`odan-cli inbox`);
  - Confirm Receipt and Mark as Read are logged (`odan-cli log`);
  - one decision of each category is logged from the form (`odan-cli log`);
  - a delivery forwarded by another team appears without reloading;
  - the language switch and Accept-Language give the Japanese page;
  - at phone width nothing runs off the side; on a projector the text grows;
  - a revoked invitation is refused and the open page is signed out.

Without Chromium, chromium-driver or selenium the suite skips, and fails
when CI is set (tests/common/odan-test-env.h's rule).
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    # Debian's python3-selenium lives in the system's Python, which a
    # developer's PATH may hide behind another python3
    if sys.executable != '/usr/bin/python3' and os.path.exists('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    webdriver = None

CLI = os.environ.get('ODAN_CLI', 'odan-cli')
SCENARIOS = os.environ['ODAN_SCENARIOS']
# a page reacts within a second; this only bounds a hang
PATIENCE = 30

n = 0
failed = False


def check(ok, name, details=''):
    global n, failed
    n += 1
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, name), flush=True)
    for line in str(details).strip().splitlines():
        print('# ' + line)
    failed = failed or not ok


def cli(*args):
    return subprocess.run([CLI] + list(args), capture_output=True, text=True, check=True).stdout


def missing(what):
    if os.environ.get('CI'):
        print('1..1\nnot ok 1 - CI is set but no %s: apt-get install chromium chromium-driver python3-selenium' % what)
        sys.exit(1)
    print('1..0 # SKIP no %s' % what)
    sys.exit(0)


def new_driver(lang='en-US', width=1280, height=900):
    options = webdriver.ChromeOptions()
    for arg in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                '--lang=' + lang, '--window-size=%d,%d' % (width, height)):
        options.add_argument(arg)
    options.add_experimental_option('prefs', {'intl.accept_languages': lang})
    return webdriver.Chrome(service=Service(shutil.which('chromedriver')), options=options)


def wait(driver, condition, what):
    try:
        return WebDriverWait(driver, PATIENCE).until(lambda d: condition(d))
    except Exception as e:  # the check names what did not come
        return None


def log_rows(exercise):
    return list(csv.DictReader(io.StringIO(cli('log', exercise))))


def team_session(base, code):
    """Signs in as a team over plain HTTP (another team's table)."""
    jar = urllib.request.HTTPCookieProcessor()
    opener = urllib.request.build_opener(jar)
    form = opener.open(base + '/join').read().decode()
    token = re.search(r'name="csrf" id="csrf" value="([^"]+)"', form).group(1)
    opener.open(urllib.request.Request(base + '/api/join', json.dumps({'code': code, 'csrf': token}).encode(),
                                       {'Content-Type': 'application/json'})).read()
    csrf = json.loads(opener.open(base + '/api/session').read())['csrf']

    def post(path, body):
        req = urllib.request.Request(base + path, json.dumps(body).encode(),
                                     {'Content-Type': 'application/json', 'X-CSRF-Token': csrf})
        return json.loads(opener.open(req).read())
    return post


def run(tmp):
    exercise = os.path.join(tmp, 'example.odan')
    subprocess.run([CLI, 'play', os.path.join(SCENARIOS, 'example'), '--exercise', exercise, '--until', '3h'],
                   capture_output=True, check=True)
    server = subprocess.Popen([CLI, 'serve', exercise, '--listen', '127.0.0.1:0'],
                              stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    try:
        line = server.stdout.readline()
        base = re.search(r'(http://127\.0\.0\.1:\d+)', line).group(1)
        drive(exercise, base)
    finally:
        server.terminate()
        server.wait()


def sign_in(driver, url):
    driver.get(url)
    return wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '#inbox li.delivery'), 'the inbox')


def drive(exercise, base):
    url = cli('invite', exercise, '--team', 'power', '--base-url', base).strip()
    code = url.split('#', 1)[1]
    driver = new_driver()
    try:
        # a wrong code: refused, on the sign-in form
        wrong = ('A' if code[0] != 'A' else 'B') + code[1:]
        driver.get(base + '/join#' + wrong)
        message = wait(driver, lambda d: d.find_element(By.ID, 'join-message').text, 'the refusal')
        check(message and 'not valid' in message and driver.current_url.endswith('/join'),
              'a wrong code is refused', message)

        # the invitation signs in and shows exactly the team's inbox
        check(sign_in(driver, url) is not None and driver.current_url == base + '/', 'the invitation signs in',
              driver.current_url)
        expected = [r['delivery'] for r in csv.DictReader(io.StringIO(cli('inbox', exercise, '--team', 'power',
                                                                           '--format', 'csv')))]
        shown = [li.get_attribute('data-delivery') for li in driver.find_elements(By.CSS_SELECTOR, '#inbox li.delivery')]
        check(sorted(shown) == sorted(expected) and len(shown) == 2,
              'the inbox shows exactly the team’s deliveries', 'shown %s, odan-cli inbox %s' % (shown, expected))
        check('Mobile base stations' not in driver.page_source, 'nothing of another team’s delivery is on the page')

        # acknowledging
        first = driver.find_element(By.CSS_SELECTOR, '#inbox li.delivery[data-delivery="2"]')
        first.find_element(By.CSS_SELECTOR, 'button.ack-received').click()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, 'li[data-delivery="2"] .received'), 'receipt')
        driver.find_element(By.CSS_SELECTOR, 'li[data-delivery="2"] button.ack-read').click()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, 'li[data-delivery="2"] .read'), 'read')
        acks = [r for r in log_rows(exercise) if r['kind'] == 'ack' and r['team'] == 'power']
        check([r['action'] for r in acks] == ['received', 'read'] and all(r['ref'] == '2' for r in acks),
              'Confirm Receipt and Mark as Read are logged', acks)

        decide_each(driver, exercise)
        live_delivery(driver, exercise, base)
        languages(driver, url)
        phone_width(url)
        projector_width(url)

        # revoking: the code no longer signs in, the open page is signed out
        cli('invite', exercise, '--team', 'power', '--revoke')
        signed_out = wait(driver, lambda d: d.current_url.endswith('/join'), 'sign-out')
        check(signed_out is not None, 'revoking signs the open page out', driver.current_url)
        driver.delete_all_cookies()
        driver.get('about:blank')
        driver.get(url)
        message = wait(driver, lambda d: d.find_element(By.ID, 'join-message').text, 'the refusal')
        check(message and 'not valid' in message, 'a revoked code is refused', message)
    finally:
        driver.quit()


def decide_each(driver, exercise):
    forms = [
        ('business-continuity', lambda: (driver.find_element(By.ID, 'bcp').click(),
                                         Select(driver.find_element(By.ID, 'mitigation')).select_by_value('M-01'))),
        ('disclosure', lambda: (driver.find_element(By.ID, 'disclosure-channel').send_keys('press release'),
                                driver.find_element(By.ID, 'audience').send_keys('the public'))),
        ('ministry-report', lambda: Select(driver.find_element(By.ID, 'stage')).select_by_value('initial')),
        ('information-sharing', lambda: (driver.find_element(By.CSS_SELECTOR, '#forwards input[value="4"]').click(),
                                         driver.find_element(By.CSS_SELECTOR, '#recipients input[value="water"]').click())),
        ('other', lambda: None),
    ]
    for category, fill in forms:
        before = len(driver.find_elements(By.CSS_SELECTOR, '#decisions li'))
        Select(driver.find_element(By.ID, 'category')).select_by_value(category)
        fill()
        driver.find_element(By.ID, 'summary').send_keys('Browser decision ' + category)
        driver.find_element(By.ID, 'log-decision').click()
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, '#decisions li')) > before, category)
    logged = [r for r in log_rows(exercise) if r['kind'] == 'decision' and r['team'] == 'power']
    for category, _ in forms:
        found = [r for r in logged if ('Browser decision ' + category) in r['summary']
                 and '(%s)' % category in cli('log', exercise, '--format', 'table')]
        check(len(found) == 1, 'a %s decision from the page is in odan-cli log' % category,
              [r['summary'] for r in logged])
    table = cli('log', exercise, '--format', 'table')
    check('INJ-03 forwarded by power to water' in table, 'the information sharing forwarded to water', table)


def live_delivery(driver, exercise, base):
    telecom = cli('invite', exercise, '--team', 'telecom', '--base-url', base).strip().split('#', 1)[1]
    post = team_session(base, telecom)
    # INJ-02 reached telecom (delivery 3), not power: telecom forwards it
    post('/api/decide', {'category': 'information-sharing', 'deliveries': [3], 'recipients': ['power'],
                         'summary': 'For the power team'})
    arrived = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '#inbox li[data-inject="INJ-02"]'), 'INJ-02')
    check(arrived is not None and 'Mobile base stations' in driver.page_source,
          'a delivery appears on the open page without reloading')


def languages(driver, url):
    driver.find_element(By.ID, 'lang-switch').click()
    title = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, '#inbox-section h2 span').text == '受信箱', 'ja')
    check(title is not None and '電力チーム' in driver.find_element(By.ID, 'team-name').text,
          'the switch shows the page in Japanese')
    driver.find_element(By.ID, 'lang-switch').click()
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, '#inbox-section h2 span').text == 'Inbox', 'en')

    ja = new_driver(lang='ja')
    try:
        ja.get(url.split('#')[0])   # the form alone: its words follow Accept-Language
        label = wait(ja, lambda d: d.find_element(By.CSS_SELECTOR, 'label span').text, 'the form')
        check(label == '招待コード', 'Accept-Language: ja gives the Japanese page', label)
    finally:
        ja.quit()


def phone_width(url):
    phone = new_driver()
    try:
        # a phone's screen: 375 CSS pixels wide
        phone.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                              {'width': 375, 'height': 800, 'deviceScaleFactor': 2, 'mobile': True})
        sign_in(phone, url)
        width = phone.execute_script('return document.documentElement.scrollWidth')
        inner = phone.execute_script('return window.innerWidth')
        check(inner == 375 and width <= inner, 'nothing of the page runs off the side at phone width',
              'page %s, screen %s' % (width, inner))
    finally:
        phone.quit()


def projector_width(url):
    wide = new_driver(width=1920, height=1080)
    try:
        # a projector's 1920 pixels: the text grows to be read across a room
        wide.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                             {'width': 1920, 'height': 1080, 'deviceScaleFactor': 1, 'mobile': False})
        sign_in(wide, url)
        size = wide.execute_script('return parseFloat(getComputedStyle(document.documentElement).fontSize)')
        width = wide.execute_script('return document.documentElement.scrollWidth')
        check(size >= 20 and width <= 1920, 'on a projector the text is larger and nothing runs off the side',
              'font %spx, page %s' % (size, width))
    finally:
        wide.quit()


def main():
    if webdriver is None:
        missing('python3-selenium')
    for program in ('chromium', 'chromedriver'):
        if shutil.which(program) is None:
            missing(program)
    tmp = tempfile.mkdtemp(prefix='odan-browser-')
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('1..%d' % n)
    sys.exit(1 if failed else 0)


main()
