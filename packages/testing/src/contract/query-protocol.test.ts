import { expect, test } from 'vitest';

import { decodeQueryParams, decodeXmlResult } from './query-protocol';
import { serviceModel } from './service-models';
import { validate } from './validate';
import { parseXml } from './xml';

const iam = serviceModel('iam');

test('form parameters decode into the structure the model names, lists from member.N', () => {
  const params = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: 'MLSpace-vision-alice',
    AssumeRolePolicyDocument: '{}',
    MaxSessionDuration: '3600',
    'Tags.member.1.Key': 'project',
    'Tags.member.1.Value': 'vision',
    'Tags.member.2.Key': 'user',
    'Tags.member.2.Value': 'alice',
  });
  const decoded = decodeQueryParams(iam, 'CreateRoleRequest', params);
  expect(decoded).toEqual({
    value: {
      RoleName: 'MLSpace-vision-alice',
      AssumeRolePolicyDocument: '{}',
      MaxSessionDuration: 3600,
      Tags: [
        { Key: 'project', Value: 'vision' },
        { Key: 'user', Value: 'alice' },
      ],
    },
    violations: [],
  });
  expect(validate('iam', 'CreateRole', 'input', decoded.value, 'query')).toEqual([]);
});

test('a list sent without member.N, numbered with a gap, or a number that is not one is a violation', () => {
  const params = new URLSearchParams({
    RoleName: 'r',
    AssumeRolePolicyDocument: '{}',
    MaxSessionDuration: 'an hour',
    'Tags.1.Key': 'project',
    'PermissionsBoundary.member.2': 'x',
  });
  const { violations } = decodeQueryParams(iam, 'CreateRoleRequest', params);
  expect(violations.map((v) => `${v.path}: ${v.rule}`)).toEqual([
    'MaxSessionDuration: "an hour" is not a whole number',
    'Tags: a list is sent as member.1, member.2, …',
    'PermissionsBoundary: a string is a single value',
  ]);
});

test('an XML answer decodes by the model, and a RoleId shorter than IAM allows is caught (defect: the fake answered AROATEST)', () => {
  const xml = parseXml(
    '<GetRoleResult><Role><RoleName>r</RoleName><Arn>arn:aws:iam::123456789012:role/r</Arn><Path>/</Path><RoleId>AROATEST</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate><Tags><member><Key>a</Key><Value>b&#43;c</Value></member></Tags></Role></GetRoleResult>',
  );
  const decoded = decodeXmlResult(iam, 'GetRoleResponse', xml);
  expect(decoded.value).toEqual({
    Role: {
      RoleName: 'r',
      Arn: 'arn:aws:iam::123456789012:role/r',
      Path: '/',
      RoleId: 'AROATEST',
      CreateDate: '2026-01-01T00:00:00Z',
      Tags: [{ Key: 'a', Value: 'b+c' }],
    },
  });
  expect(
    validate('iam', 'GetRole', 'output', decoded.value, 'query').map((v) => `${v.path}: ${v.rule}`),
  ).toEqual(['Role.RoleId: has 8 characters; the least allowed is 16']);
});

test('malformed XML is refused with where it went wrong', () => {
  expect(() => parseXml('<A><B>text</A>')).toThrow('XML closes </A> where <B> is open, at 10');
  expect(() => parseXml('<A><B/>')).toThrow('XML leaves <A> open');
});
