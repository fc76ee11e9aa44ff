import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { tauriBackend } from './lib/backend';

const target = document.getElementById('app');
if (target === null) {
  throw new Error('index.html has no #app element');
}

mount(App, { target, props: { backend: tauriBackend } });
