#!/usr/bin/env python3
"""Hot methods of a server flight recording, cut to one measured phase of the load suite.

  jfr print --events jdk.ExecutionSample --stack-depth 64 load-server.jfr > samples.txt
  benchmarks/jfr-hot.py samples.txt 01:43:19.6 01:44:04.2 [METHOD...]

The times are the 'phase ...' lines LoadMain prints (UTC, as jfr prints them). Prints the top frames
(self time), the threads, the org.chasqui methods by inclusive share, and for each METHOD given
(e.g. 'org.chasqui.broker.c2s.ClientSession.write()') its direct callees.
"""
import collections
import re
import sys


def samples(path, start, end):
    events, cur = [], None
    for line in open(path):
        s = line.strip()
        if s.startswith('jdk.ExecutionSample'):
            cur = {'frames': [], 'thread': '', 't': ''}
            events.append(cur)
        elif cur is None or s in ('', '}', ']') or s.startswith(('stackTrace', 'state', '...')):
            continue
        elif s.startswith('startTime ='):
            cur['t'] = s.split('=', 1)[1].strip()
        elif s.startswith('sampledThread ='):
            cur['thread'] = re.sub(r'\d+$', 'N', s.split('"')[1])
        else:
            cur['frames'].append(re.sub(r'\(.*', '()', re.sub(r' line: \d+.*', '', s)))
    return [e for e in events if start <= e['t'] <= end and e['frames']]


def show(title, counter, n, limit):
    print(f'\n== {title}')
    for name, c in counter.most_common(limit):
        print(f'{c:6d} {100 * c / n:5.1f}%  {name}')


def main():
    path, start, end, methods = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    ev = samples(path, start, end)
    n = len(ev)
    print(f'{n} execution samples between {start} and {end}')
    if n == 0:
        return
    show('top frames (self)', collections.Counter(e['frames'][0] for e in ev), n, 25)
    show('threads', collections.Counter(e['thread'] for e in ev), n, 8)
    inclusive = collections.Counter()
    for e in ev:
        inclusive.update({f for f in e['frames'] if f.startswith('org.chasqui')})
    show('org.chasqui methods (inclusive)', inclusive, n, 30)
    for m in methods:
        callees = collections.Counter()
        for e in ev:
            if m in e['frames']:
                i = e['frames'].index(m)
                callees[e['frames'][i - 1] if i > 0 else '(self)'] += 1
        show(f'{m}: direct callees', callees, n, 10)


if __name__ == '__main__':
    main()
