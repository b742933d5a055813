/**
 * The user guide, one page per area of the portal. Screenshots are taken by the e2e suite
 * (`e2e/guide-screenshots.spec.ts`) on a real local stack and served from `/guide/<file>`, so they
 * show the portal as it is built.
 */
export interface GuideScreenshot {
  file: string;
  alt: string;
}

export interface GuideSection {
  heading: string;
  paragraphs: string[];
  steps?: string[];
  screenshot?: GuideScreenshot;
}

export interface GuidePage {
  slug: string;
  title: string;
  summary: string;
  sections: GuideSection[];
  /** Where in the portal to go next. */
  next: { label: string; to: string };
}

export const guidePages: GuidePage[] = [
  {
    slug: 'getting-started',
    title: 'Getting started',
    summary: 'Sign in, find your way around, and set your preferences.',
    next: { label: 'Go to your dashboard', to: '/' },
    sections: [
      {
        heading: 'Signing in',
        paragraphs: [
          "MLSpace signs you in through your organisation's identity provider. The first time you sign in, MLSpace creates your account; only then can project owners find you and add you to their projects.",
          'If your account is suspended, MLSpace tells you so after you sign in and offers nothing else until an administrator reinstates you.',
        ],
      },
      {
        heading: 'The dashboard',
        paragraphs: [
          'The dashboard is your starting point: your projects, and the notebooks, jobs and endpoints you have running across them. Each links to its page.',
          'The project switcher at the top of every page takes you to any of your projects. On a narrow screen the navigation sits behind the Menu button.',
        ],
        screenshot: {
          file: 'dashboard.png',
          alt: 'The dashboard with a project and its running resources',
        },
      },
      {
        heading: 'Your preferences',
        paragraphs: [
          'Your name in the header opens your preferences: the light, dark or system theme, and your time zone, in which MLSpace shows and asks for times of day.',
        ],
      },
    ],
  },
  {
    slug: 'projects',
    title: 'Projects, members and groups',
    summary: 'Where work happens: who belongs to a project, and what they may do.',
    next: { label: 'Create a project', to: '/projects/new' },
    sections: [
      {
        heading: 'Creating a project',
        paragraphs: [
          'A project holds notebooks, datasets, jobs, models and endpoints, and the people who work on them. Whoever creates a project becomes its first owner. Administrators decide who may create projects.',
        ],
        steps: [
          'Choose "Create a project" in the project switcher, or on the dashboard.',
          'Give it a name (3 to 24 letters and digits; it cannot change later) and a description.',
          'Set the default cost controls, or keep them for later in the project settings.',
        ],
      },
      {
        heading: 'The project overview',
        paragraphs: [
          'Every project opens on its overview: what is running now and what keeps costing while it runs. The tabs under the project name lead to each section; those that do not fit the screen are under More, grouped as Work, Serve and Project.',
        ],
        screenshot: {
          file: 'project-overview.png',
          alt: 'A project overview with its section tabs',
        },
      },
      {
        heading: 'Members and roles',
        paragraphs: [
          'Owners manage the project: its settings, cost controls, members and groups. Members create and use resources. Anyone may stop, change or delete what they created; owners and administrators may do so for everything in the project.',
          'To add people, open Members and search by name. People appear in the search only after their first sign-in. A project always keeps at least one owner.',
        ],
        screenshot: {
          file: 'project-members.png',
          alt: 'The members of a project with their roles',
        },
      },
      {
        heading: 'Groups',
        paragraphs: [
          'Administrators manage groups of people. Linking a group to a project gives all its members the role you choose, and removing someone from the group removes that access at once.',
        ],
      },
      {
        heading: 'Suspending and deleting',
        paragraphs: [
          'Suspending a project stops its notebooks and running jobs, deletes its endpoints, and refuses new work until an owner reinstates it. Removing someone from a project stops their notebooks in it. Only a suspended project can be deleted. Deletion removes everything the project holds: its resources, its datasets and files, and the access behind them. Nothing of a deleted project is visible to a later project of the same name.',
        ],
      },
    ],
  },
  {
    slug: 'datasets',
    title: 'Datasets',
    summary: 'Upload data, choose who can read it, and use it in notebooks and jobs.',
    next: { label: 'Go to datasets', to: '/datasets' },
    sections: [
      {
        heading: 'Scopes',
        paragraphs: [
          'A dataset has a scope that decides who reads it. Private: only you. Project: the members of one project. Group: the members of the groups it is shared with. Global: everyone who uses MLSpace. Administrators can read every dataset.',
          'Only the creator of a dataset (or an administrator) may change or delete its files; others with access may read, and add files where their scope allows.',
        ],
        screenshot: { file: 'datasets.png', alt: 'The list of datasets you can see' },
      },
      {
        heading: 'Uploading and downloading',
        paragraphs: [
          'Create a dataset, then drop files or whole folders on it. Large files upload in parts and show their progress. Every file can be downloaded from the dataset page.',
        ],
      },
      {
        heading: 'Using a dataset in a job',
        paragraphs: [
          'Forms that need data offer a dataset picker: choose the scope, the dataset and, if you like, a folder inside it. MLSpace checks every location against your access when you submit, so a job never reads data you could not read yourself, and writes only into your own project.',
        ],
      },
    ],
  },
  {
    slug: 'notebooks',
    title: 'Notebooks',
    summary: 'Jupyter notebooks on the instance types your administrator allows.',
    next: { label: 'Go to notebooks', to: '/notebooks' },
    sections: [
      {
        heading: 'Creating and opening a notebook',
        paragraphs: [
          "A notebook belongs to one project and to the person who created it: only its creator can start it and open its Jupyter. Choose an instance type from those your administrator allows, and a volume size. The notebook's page shows its status as it starts; open Jupyter once it is in service.",
        ],
        screenshot: { file: 'notebooks.png', alt: 'A project’s notebooks with their status' },
      },
      {
        heading: 'Stopping on a schedule',
        paragraphs: [
          'If the project has a daily stop time, a notebook stops at that time each day. When the project allows it, the notebook’s creator may set a different time or turn the stop off.',
        ],
      },
    ],
  },
  {
    slug: 'training',
    title: 'Training, tuning and batch transform',
    summary: 'Train models on your datasets, tune them, and run batch predictions.',
    next: { label: 'Go to jobs and models', to: '/jobs' },
    sections: [
      {
        heading: 'Training jobs',
        paragraphs: [
          'A training job runs an algorithm on input channels taken from your datasets and writes its model artefact to an output location in your project. Choose a built-in algorithm or your own script, the instance type and the hyperparameters.',
          'While it runs, the job page shows its status, its logs as they arrive and its metrics as a chart. When it completes, the page offers the next step: create a model from it.',
        ],
        screenshot: { file: 'training-job.png', alt: 'A training job with its logs and metrics' },
      },
      {
        heading: 'Algorithms and your own images',
        paragraphs: [
          "The algorithm list shows what this deployment runs. On AWS that is SageMaker's built-in algorithms (BlazingText, DeepAR, factorization machines, image classification, k-means, k-nearest neighbours, linear learner, Object2Vec, object detection, PCA, semantic segmentation, XGBoost), your own scikit-learn scripts, and your own container images. Locally it is the linear learner, random forest and XGBoost, and your scripts; the form says so.",
          'Your own container image must come from an Amazon ECR repository your administrator allows; the form lists them, and an image from anywhere else is refused before anything starts.',
        ],
      },
      {
        heading: 'Hyperparameter tuning',
        paragraphs: [
          'A tuning job runs many training jobs over ranges of hyperparameters and keeps the best by an objective metric. Each child job opens as a training job, and the tuning page offers to create a model from the best one.',
          "For SageMaker's built-in algorithms the objective is one of the metrics the algorithm reports (k-means: test:msd or test:ssd; DeepAR: test:RMSE and others), offered in the form. PCA reports none and cannot be tuned.",
        ],
      },
      {
        heading: 'Batch transform',
        paragraphs: [
          'A transform job runs a model over a dataset and writes its predictions to your project. Its outputs can be browsed and downloaded from its page.',
        ],
      },
    ],
  },
  {
    slug: 'models-and-endpoints',
    title: 'Models and endpoints',
    summary: 'From a trained model to a live endpoint you can call.',
    next: { label: 'Go to jobs and models', to: '/jobs' },
    sections: [
      {
        heading: 'The chain',
        paragraphs: [
          'Each page offers the next step already filled in, so you never type a storage location.',
        ],
        steps: [
          'From a completed training job, create a model.',
          'From the model, create an endpoint configuration: the instance type and count.',
          'From the configuration, create an endpoint. It becomes InService when ready.',
          'Invoke the endpoint from its page with a sample body, or from a notebook.',
        ],
      },
      {
        heading: 'The playground',
        paragraphs: [
          "Each project has a Playground tab: pick a foundation model your administrator allows (on AWS, through Bedrock) or one of the project's endpoints that serves a text model, give a system prompt if you like, and converse. A Bedrock model's reply streams in as it is written; each reply shows the tokens it used, and the project's owners see every member's tokens of the month.",
          'Locally foundation models are not available (they need AWS); the playground talks to your endpoints instead. An endpoint answers the playground when it takes {"messages": [{"role", "content"}]} as JSON and returns {"text": "…"} (or {"generated_text": "…"}), optionally with {"usage": {"inputTokens", "outputTokens"}}.',
        ],
      },
      {
        heading: 'Endpoint lifetime',
        paragraphs: [
          'If the project sets a maximum endpoint lifetime, each endpoint shows when it will be deleted. Owners, and creators when the project allows it, may change that time.',
        ],
      },
    ],
  },
  {
    slug: 'cost-controls',
    title: 'Cost controls',
    summary: 'Keep running resources from costing more than they should.',
    next: { label: 'Go to your dashboard', to: '/' },
    sections: [
      {
        heading: 'Project defaults',
        paragraphs: [
          "A project's owners set a daily stop time for notebooks and a maximum lifetime for endpoints in the project settings, and decide whether creators may override them. The settings say which running resources a change applies to.",
          'The project overview shows what is running now, with its instance types, so you can see what keeps costing.',
        ],
      },
      {
        heading: 'Usage and budgets',
        paragraphs: [
          "Every project has a Usage tab: the instance-hours its notebooks, jobs, endpoints and clusters used each day of the month (UTC days), what they are estimated to cost, by kind or by user, what is running now and what it costs an hour, and a CSV of the month. Costs are estimates from on-demand prices for the deployment's region; the page says where the prices come from and how old they are, and an instance type with no price known is named rather than counted as free. Administrators see every project's use under Administration, Usage; the resources reports carry each resource's instance-hours and estimated cost.",
          "Owners (and administrators) may give the project a monthly budget in dollars, instance-hours or both, with the percentages at which they are warned (50, 80 and 100 by default). A warning appears above the project's pages and is written to the audit trail once per month and threshold. With the hard stop on, reaching 100% stops the project's running notebooks and refuses anything new until the month ends or an owner raises the budget; the refusal names the budget and its use.",
        ],
      },
    ],
  },
  {
    slug: 'administration',
    title: 'Administration',
    summary: 'For administrators: people, projects, groups, configuration and the audit trail.',
    next: { label: 'Go to users', to: '/admin/users' },
    sections: [
      {
        heading: 'Users',
        paragraphs: [
          'Administrators see everyone who has signed in. Suspending a user ends their sessions at once and refuses them everything; "sign out everywhere" ends their sessions but lets them sign in again. Every such action asks for confirmation first.',
          "A user's page shows their account, the projects they reach (directly or through groups), their groups and what they created. Delete user signs them out at once, stops their notebooks, deletes their private datasets and files and what MLSpace made for them in AWS, then their memberships and account; what they created in projects stays with the project. If a step fails, the page says which, and MLSpace retries until it completes. A later account with the same username starts with nothing: it is not the creator of what the deleted user left.",
        ],
        screenshot: { file: 'admin-users.png', alt: 'The users page for administrators' },
      },
      {
        heading: 'Configuration',
        paragraphs: [
          'The configuration page decides which services are active, which instance types people may choose, and who may create projects. A deactivated service disappears from the navigation; what already exists in it stays readable. Every change is recorded and can be compared with earlier versions.',
          'Instance types are chosen per use (notebooks, training, batch transform, endpoints) from what SageMaker offers for that use, with their vCPUs, memory and GPUs. Allowed image repositories lists the Amazon ECR repositories users may train and serve their own images from (a repository, or every repository under a namespace ending in /*). On AWS both also limit what notebooks start with the SDK.',
          "Foundation models (on AWS) lists the region's Bedrock text models to search and tick: the ticked ones are offered in every project's playground, and project members may invoke exactly those from notebooks. Locally the section says they need AWS.",
        ],
      },
      {
        heading: 'Audit trail and reports',
        paragraphs: [
          'The audit trail records who changed what, when, and how, in plain sentences with the before and after.',
          'Reports are CSV files for export: all resources, the resources of chosen projects, the resources of chosen users, the personnel (every user with their name, email, admin and suspended flags, and when they joined and last signed in), or the foundation model usage of a month (requests and tokens per project, user and model). Each report says what it covers and how many rows it holds.',
        ],
      },
    ],
  },
];

export function guidePage(slug: string): GuidePage | undefined {
  return guidePages.find((page) => page.slug === slug);
}
