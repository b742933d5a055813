import { builtinAlgorithms, scriptModeImage } from '@mlspace/core';
import { expect, test } from 'vitest';

import { imageRegions } from './algorithm-images.generated';
import { sagemakerImageUri, servingImage, trainingImage } from './images';

const commercialAndGovCloud = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'me-south-1',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
];

test('the image data covers every commercial and GovCloud region, and no China or isolated one', () => {
  expect(imageRegions).toEqual(expect.arrayContaining(commercialAndGovCloud));
  expect(imageRegions.filter((region) => /^(cn-|us-iso)/.test(region))).toEqual([]);
});

test('every region has an image for every algorithm that runs on AWS and for script mode', () => {
  const onAws = builtinAlgorithms.filter((algorithm) => algorithm.backends.includes('aws'));
  expect(onAws.map((algorithm) => algorithm.sagemakerRepository).sort()).toEqual([
    'blazingtext',
    'factorization-machines',
    'forecasting-deepar',
    'image-classification',
    'kmeans',
    'knn',
    'linear-learner',
    'object-detection',
    'object2vec',
    'pca',
    'sagemaker-xgboost',
    'semantic-segmentation',
  ]);
  for (const region of imageRegions) {
    for (const algorithm of onAws) {
      const uri = sagemakerImageUri(algorithm.sagemakerRepository, algorithm.sagemakerTag, region);
      expect(uri, `${algorithm.name} in ${region}`).toMatch(
        new RegExp(
          `^\\d{12}\\.dkr\\.ecr\\.${region}\\.amazonaws\\.com/${algorithm.sagemakerRepository}:${algorithm.sagemakerTag}$`,
        ),
      );
    }
    expect(sagemakerImageUri(scriptModeImage.repository, scriptModeImage.tag, region)).toBeTruthy();
  }
});

test('images come from the registry account SageMaker publishes each one from in that region', () => {
  // Spot checks against the SDK's registries: first-party algorithms and framework images differ.
  expect(sagemakerImageUri('linear-learner', '1', 'us-east-1')).toBe(
    '382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1',
  );
  expect(sagemakerImageUri('sagemaker-xgboost', '1.7-1', 'us-east-1')).toBe(
    '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
  );
  expect(sagemakerImageUri('linear-learner', '1', 'us-gov-west-1')).toBe(
    '226302683700.dkr.ecr.us-gov-west-1.amazonaws.com/linear-learner:1',
  );
  expect(sagemakerImageUri('linear-learner', '1', 'mars-north-1')).toBeUndefined();
});

test('a built-in trains on its SageMaker image; a user image URI is used as given', () => {
  expect(trainingImage({ image: 'kmeans', metricDefinitions: [] }, 'eu-west-1')).toMatchObject({
    image: '438346466558.dkr.ecr.eu-west-1.amazonaws.com/kmeans:1',
    sagemakerBuiltin: true,
  });
  const own = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/trainer:2.0';
  expect(trainingImage({ image: own, metricDefinitions: [] }, 'eu-west-1')).toEqual({
    image: own,
    hyperParameters: {},
    sagemakerBuiltin: false,
  });
  expect(servingImage(own, 'eu-west-1')).toBe(own);
  expect(() =>
    trainingImage({ image: 'not an image', metricDefinitions: [] }, 'eu-west-1'),
  ).toThrow(/neither a built-in algorithm nor an image URI/);
});
