// First: turns Stripe's return path into the hash route before the router reads it.
import './lib/return-link.ts';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lost its #app element');

export default mount(App, { target });
