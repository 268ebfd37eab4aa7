import { describe, expect, test } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { resolveProjectPath, toRepositoryPath } from '../src/paths.js'

describe('resolveProjectPath', () => {
  test.each([
    ['.', '/home/runner/work/repo', ''],
    ['', '/home/runner/work/repo', ''],
    ['./', '/home/runner/work/repo', ''],
    ['algos', '/home/runner/work/repo', 'algos'],
    ['./algos/alpha/', '/home/runner/work/repo', 'algos/alpha'],
    ['algos\\alpha', '/home/runner/work/repo', 'algos/alpha'],
    ['.\\algos\\alpha\\', '/home/runner/work/repo', 'algos/alpha'],
    ['  algos/alpha  ', '/home/runner/work/repo', 'algos/alpha'],
    ['algos/../beta', '/home/runner/work/repo', 'beta'],
    ['/home/runner/work/repo', '/home/runner/work/repo', ''],
    [
      '/home/runner/work/repo/algos/alpha',
      '/home/runner/work/repo',
      'algos/alpha'
    ],
    ['/home/runner/work/repo/algos/', '/home/runner/work/repo/', 'algos'],
    ['..foo', '/home/runner/work/repo', '..foo'],
    ['algos', 'D:\\a\\repo\\repo', 'algos'],
    ['.\\algos\\alpha', 'D:\\a\\repo\\repo', 'algos/alpha'],
    ['D:\\a\\repo\\repo\\algos\\alpha', 'D:\\a\\repo\\repo', 'algos/alpha'],
    ['D:/a/repo/repo/algos', 'D:\\a\\repo\\repo', 'algos'],
    ['d:\\A\\repo\\repo\\algos', 'D:\\a\\repo\\repo', 'algos']
  ])('%j in %j -> %j', (input, workspace, expected) => {
    expect(resolveProjectPath(input, workspace)).toBe(expected)
  })

  test.each([
    ['..', '/home/runner/work/repo'],
    ['../other', '/home/runner/work/repo'],
    ['algos/../../other', '/home/runner/work/repo'],
    ['..\\other', '/home/runner/work/repo'],
    ['/etc', '/home/runner/work/repo'],
    ['/home/runner/work/repository', '/home/runner/work/repo'],
    ['..\\other', 'D:\\a\\repo\\repo'],
    ['D:\\a\\repo\\other', 'D:\\a\\repo\\repo'],
    ['C:\\Windows', 'D:\\a\\repo\\repo']
  ])('refuses %j outside %j, quoting both', (input, workspace) => {
    const attempt = () => resolveProjectPath(input, workspace)

    expect(attempt).toThrow(InputError)
    expect(attempt).toThrow(JSON.stringify(input))
    expect(attempt).toThrow(JSON.stringify(workspace))
    expect(attempt).toThrow(/project-path/)
  })
})

describe('toRepositoryPath', () => {
  test.each([
    ['main.py', '', 'main.py'],
    ['main.py', 'algos/alpha', 'algos/alpha/main.py'],
    ['utils/signals.py', 'algos/alpha', 'algos/alpha/utils/signals.py'],
    ['utils\\signals.py', 'algos', 'algos/utils/signals.py'],
    ['./main.py', 'algos', 'algos/main.py'],
    ['/main.py', 'algos', 'algos/main.py'],
    ['//main.py', '', 'main.py'],
    ['.\\main.py', '', 'main.py'],
    ['.hidden/config.py', '', '.hidden/config.py'],
    ['.hidden/config.py', 'algos', 'algos/.hidden/config.py'],
    ['my file, v2.py', 'algos', 'algos/my file, v2.py'],
    ['utils/../main.py', 'algos', 'algos/main.py'],
    ['', 'algos', undefined],
    ['../../outside.py', 'algos', undefined],
    ['..', '', undefined]
  ])('%j under %j -> %j', (cloudPath, projectPath, expected) => {
    expect(toRepositoryPath(cloudPath, projectPath)).toBe(expected)
  })
})
