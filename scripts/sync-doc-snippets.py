#!/usr/bin/env python3
"""Copies every marked snippet into the docs: a line <!-- snippet: PATH#NAME --> followed by a ```java block gets
the lines between "// snippet:NAME" and "// end:NAME" of PATH, dedented. DocsSnippetTest checks the result."""
import pathlib, re, sys, textwrap

root = pathlib.Path(__file__).resolve().parent.parent
marker = re.compile(r'<!-- snippet: (\S+)#(\S+) -->\n```java\n.*?```', re.S)

def region(path, name):
    lines = (root / path).read_text().splitlines()
    start = next(i for i, l in enumerate(lines) if l.strip() == '// snippet:' + name)
    end = next(i for i, l in enumerate(lines) if l.strip() == '// end:' + name)
    return textwrap.dedent('\n'.join(lines[start + 1:end])) + '\n'

for doc in [root / 'README.md', *sorted((root / 'docs').glob('*.md'))]:
    text = doc.read_text()
    new = marker.sub(lambda m: '<!-- snippet: %s#%s -->\n```java\n%s```' % (m[1], m[2], region(m[1], m[2])), text)
    if new != text:
        doc.write_text(new)
        print('updated', doc.relative_to(root))
